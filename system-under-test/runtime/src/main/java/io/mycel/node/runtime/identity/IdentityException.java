package io.mycel.node.runtime.identity;

/** A node's identity could not be proved: why, for the log and the rejection count. */
public final class IdentityException extends Exception {

    public IdentityException(String why) {
        super(why);
    }

    public IdentityException(String why, Throwable cause) {
        super(why, cause);
    }
}
