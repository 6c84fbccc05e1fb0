package io.mycel.mc.state;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field of host code whose value is the same in every state of an exploration (the program, its
 * codec, the cluster's member list): a copy of a state shares it instead of copying it, and a
 * state's encoding leaves it out.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Constant {
}
