package io.mycel.mc.state;

/**
 * Part of a node's state cannot be copied or encoded: a lambda that captured mutable state, or a
 * class of a JDK package the JVM did not open to the model checker. The message says which field
 * of which class, and what to change.
 */
public final class StateAccessException extends RuntimeException {
    public StateAccessException(String message) {
        super(message);
    }

    public StateAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
