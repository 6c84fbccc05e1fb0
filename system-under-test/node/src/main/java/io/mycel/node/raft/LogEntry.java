package io.mycel.node.raft;

import java.util.Arrays;

/**
 * One entry of the replicated log: the term of the leader that created it, its position, its kind
 * and its data. A {@link Kind#COMMAND} carries a command of the service above Raft as opaque bytes;
 * a {@link Kind#NOOP} is what a new leader appends to commit what earlier terms left; a
 * {@link Kind#CONFIGURATION} carries the voters from then on (see {@link Configuration}).
 */
public final class LogEntry {

    public enum Kind { COMMAND, NOOP, CONFIGURATION }

    private static final byte[] NONE = new byte[0];

    private final long index;
    private final long term;
    private final Kind kind;
    private final byte[] data;

    public LogEntry(long index, long term, Kind kind, byte[] data) {
        if (index < 1 || term < 1) {
            throw new IllegalArgumentException("log entries start at index 1 and term 1, got " + index + "/" + term);
        }
        this.index = index;
        this.term = term;
        this.kind = kind;
        this.data = data;
    }

    public static LogEntry command(long index, long term, byte[] command) {
        return new LogEntry(index, term, Kind.COMMAND, command);
    }

    public static LogEntry noop(long index, long term) {
        return new LogEntry(index, term, Kind.NOOP, NONE);
    }

    public static LogEntry configuration(long index, long term, Configuration voters) {
        return new LogEntry(index, term, Kind.CONFIGURATION, voters.encode());
    }

    public long index() {
        return index;
    }

    public long term() {
        return term;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isCommand() {
        return kind == Kind.COMMAND;
    }

    /** The command or the encoded configuration; callers must not change it. */
    public byte[] data() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogEntry e && e.index == index && e.term == term && e.kind == kind && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(index) * 31 + Long.hashCode(term) * 17 + kind.hashCode() + Arrays.hashCode(data);
    }

    /** Content, never identity: traces must be byte-identical across runs. */
    @Override
    public String toString() {
        return index + "@" + term + switch (kind) {
            case COMMAND -> ":" + data.length + "B";
            case NOOP -> ":noop";
            case CONFIGURATION -> ":voters" + Configuration.decodeOrNull(data);
        };
    }
}
