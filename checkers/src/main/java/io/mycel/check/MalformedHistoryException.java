package io.mycel.check;

/**
 * A history that breaks the rules of histories: a process invoking while its operation is open, or
 * completing what it never invoked. Readers turn the position into a file and line.
 */
public final class MalformedHistoryException extends IllegalArgumentException {

    private final int position;

    public MalformedHistoryException(int position, String message) {
        super(message);
        this.position = position;
    }

    /** The offending operation's position in the history, from 0. */
    public int position() {
        return position;
    }
}
