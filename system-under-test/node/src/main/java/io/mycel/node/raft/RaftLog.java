package io.mycel.node.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * The in-memory log of one node: a snapshot boundary (every entry up to {@link #snapshotIndex()}
 * was compacted into the service's snapshot, and only its last term is remembered) followed by the
 * entries after it. Indices start at 1; index 0 with term 0 stands for the empty log.
 *
 * <p>Persistence is {@link RaftStorage}'s job; this class only keeps order. It also counts its
 * truncations, so that an invariant that looks at the log after every event can re-check just
 * what changed.
 */
public final class RaftLog {

    private long snapshotIndex;
    private long snapshotTerm;
    private final ArrayList<LogEntry> entries = new ArrayList<>();
    private long truncations;
    private long lastTruncatedIndex;

    public long snapshotIndex() {
        return snapshotIndex;
    }

    public long snapshotTerm() {
        return snapshotTerm;
    }

    public long lastIndex() {
        return snapshotIndex + entries.size();
    }

    public long lastTerm() {
        return entries.isEmpty() ? snapshotTerm : entries.get(entries.size() - 1).term();
    }

    /** Whether the term of {@code index} is known: it is the snapshot boundary or an entry held. */
    public boolean hasTermAt(long index) {
        return index >= snapshotIndex && index <= lastIndex();
    }

    /** The term of the entry at {@code index}; the index must satisfy {@link #hasTermAt}. */
    public long termAt(long index) {
        if (index == snapshotIndex) {
            return snapshotTerm;
        }
        return entry(index).term();
    }

    public LogEntry entry(long index) {
        if (index <= snapshotIndex || index > lastIndex()) {
            throw new IllegalArgumentException("no entry " + index + " in log (" + snapshotIndex + ", " + lastIndex() + "]");
        }
        return entries.get((int) (index - snapshotIndex - 1));
    }

    /** Up to {@code max} entries from {@code from}, which must be after the snapshot. */
    public List<LogEntry> slice(long from, int max) {
        if (from <= snapshotIndex) {
            throw new IllegalArgumentException("entry " + from + " was compacted (snapshot at " + snapshotIndex + ")");
        }
        int start = (int) (from - snapshotIndex - 1);
        int end = (int) Math.min(entries.size(), (long) start + max);
        return start >= end ? List.of() : List.copyOf(entries.subList(start, end));
    }

    public void append(LogEntry entry) {
        if (entry.index() != lastIndex() + 1) {
            throw new IllegalStateException("appending entry " + entry.index() + " after " + lastIndex());
        }
        if (entry.term() < lastTerm()) {
            throw new IllegalStateException("entry " + entry + " has a term below the last term " + lastTerm());
        }
        entries.add(entry);
    }

    /** Removes the entry at {@code index} and every later one. */
    public void truncateFrom(long index) {
        if (index <= snapshotIndex) {
            throw new IllegalStateException("truncating into the snapshot: " + index + " <= " + snapshotIndex);
        }
        if (index > lastIndex()) {
            return;
        }
        entries.subList((int) (index - snapshotIndex - 1), entries.size()).clear();
        noteTruncation(index);
    }

    /**
     * Moves the snapshot boundary to {@code index}, whose term is {@code term}: entries up to it are
     * dropped. When the log does not hold that entry with that term (a snapshot installed from the
     * leader), every entry goes.
     */
    public void compactTo(long index, long term) {
        if (index <= snapshotIndex) {
            return;
        }
        if (index <= lastIndex() && termAt(index) == term) {
            entries.subList(0, (int) (index - snapshotIndex)).clear();
        } else {
            if (!entries.isEmpty()) {
                noteTruncation(snapshotIndex + 1);
            }
            entries.clear();
        }
        snapshotIndex = index;
        snapshotTerm = term;
    }

    /**
     * Whether a log ending at ({@code lastIndex}, {@code lastTerm}) is at least as up to date as this
     * one: a later last term, or the same last term and at least as long (Raft §5.4.1).
     */
    public boolean isUpToDate(long otherLastIndex, long otherLastTerm) {
        return otherLastTerm > lastTerm() || (otherLastTerm == lastTerm() && otherLastIndex >= lastIndex());
    }

    /** How many times entries were removed from the end (or the whole log replaced). */
    public long truncations() {
        return truncations;
    }

    /** The first index removed by the latest truncation, or 0 when there was none. */
    public long lastTruncatedIndex() {
        return lastTruncatedIndex;
    }

    private void noteTruncation(long index) {
        truncations++;
        lastTruncatedIndex = index;
    }
}
