package io.mycel.node.crdt;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** A grow-only counter: a count per replica, merged by maximum; the value is their sum. */
public final class GCounter implements Crdt<GCounter> {

    public static final GCounter EMPTY = new GCounter(new TreeMap<>());

    private final SortedMap<String, Long> counts;

    GCounter(SortedMap<String, Long> counts) {
        this.counts = counts;
    }

    public long value() {
        long sum = 0;
        for (long c : counts.values()) {
            sum += c;
        }
        return sum;
    }

    /** The delta of {@code replica} adding {@code amount} (at least 1): its new count alone. */
    public GCounter increment(String replica, long amount) {
        if (amount < 1) {
            throw new IllegalArgumentException("a grow-only counter only grows: " + amount);
        }
        TreeMap<String, Long> delta = new TreeMap<>();
        // Past Long.MAX_VALUE a count would wrap to a negative one that no decoder accepts: refuse it.
        delta.put(replica, Math.addExact(counts.getOrDefault(replica, 0L), amount));
        return new GCounter(delta);
    }

    public long countOf(String replica) {
        return counts.getOrDefault(replica, 0L);
    }

    @Override
    public GCounter merge(GCounter other) {
        TreeMap<String, Long> joined = new TreeMap<>(counts);
        other.counts.forEach((replica, count) -> joined.merge(replica, count, Math::max));
        return new GCounter(joined);
    }

    public Map<String, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GCounter g && g.counts.equals(counts);
    }

    @Override
    public int hashCode() {
        return counts.hashCode();
    }

    @Override
    public String toString() {
        return "GCounter" + counts;
    }
}
