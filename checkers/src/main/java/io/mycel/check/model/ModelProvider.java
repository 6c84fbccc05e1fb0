package io.mycel.check.model;

import io.mycel.check.lin.Model;

/**
 * How a model of your own reaches {@code mycel check --model NAME}: implement this, list the class in
 * {@code META-INF/services/io.mycel.check.model.ModelProvider}, and put the jar on the class path.
 * (Code that calls the checker directly can pass any {@link Model} without this.)
 */
public interface ModelProvider {

    /** The name {@code --model} takes; must not be one of the built-in names. */
    String name();

    Model<?, ?> create(Models.Options options);
}
