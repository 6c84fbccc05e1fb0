package io.mycel.hil;

import io.mycel.sim.TraceSink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The records of a real run, gathered from several threads (the clients' event loop, the fault
 * thread) and, at the end, from the nodes' logs, then put in time order and written as one trace
 * in the simulator's format. Records at the same microsecond keep the order they arrived in.
 */
final class TraceBuffer implements TraceSink {

    record Entry(long timeMicros, long seq, String type, Object[] fields) {
    }

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public synchronized void record(long timeMicros, String type, Object... fields) {
        entries.add(new Entry(timeMicros, entries.size(), type, fields.clone()));
    }

    @Override
    public boolean enabled() {
        return true;
    }

    /** Every record so far, by time and then arrival. */
    synchronized List<Entry> sorted() {
        List<Entry> copy = new ArrayList<>(entries);
        copy.sort(Comparator.comparingLong(Entry::timeMicros).thenComparingLong(Entry::seq));
        return copy;
    }

    synchronized int size() {
        return entries.size();
    }

    /** Writes every record, in time order, to {@code sink}. */
    void drainTo(TraceSink sink) {
        for (Entry entry : sorted()) {
            sink.record(entry.timeMicros(), entry.type(), entry.fields());
        }
    }

    @Override
    public void close() {
    }
}
