package io.mycel.mc.state;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field of host code that a copy of a state carries but that is not part of what the state is:
 * bookkeeping such as the sequence number given to the next message, which differs between two paths
 * to one state. A state's encoding leaves it out, so such paths meet.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface NotState {
}
