package io.mycel.node.raft;

import java.util.Arrays;

/**
 * One entry of the replicated log: the term of the leader that created it, its position, and the
 * command of the service above Raft as opaque bytes. An empty command is the no-op a new leader
 * appends to commit what earlier terms left.
 */
public final class LogEntry {

    private final long index;
    private final long term;
    private final byte[] command;

    public LogEntry(long index, long term, byte[] command) {
        if (index < 1 || term < 1) {
            throw new IllegalArgumentException("log entries start at index 1 and term 1, got " + index + "/" + term);
        }
        this.index = index;
        this.term = term;
        this.command = command;
    }

    public long index() {
        return index;
    }

    public long term() {
        return term;
    }

    /** The command; callers must not change it. */
    public byte[] command() {
        return command;
    }

    public boolean isNoop() {
        return command.length == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogEntry e && e.index == index && e.term == term && Arrays.equals(e.command, command);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(index) * 31 + Long.hashCode(term) * 17 + Arrays.hashCode(command);
    }

    /** Content, never identity: traces must be byte-identical across runs. */
    @Override
    public String toString() {
        return index + "@" + term + (isNoop() ? ":noop" : ":" + command.length + "B");
    }
}
