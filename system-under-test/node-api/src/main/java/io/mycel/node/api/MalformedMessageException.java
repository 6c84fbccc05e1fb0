package io.mycel.node.api;

/** A frame that does not decode to a message: rejected and counted by the host, never a crash. */
public final class MalformedMessageException extends Exception {

    public MalformedMessageException(String reason) {
        super(reason);
    }
}
