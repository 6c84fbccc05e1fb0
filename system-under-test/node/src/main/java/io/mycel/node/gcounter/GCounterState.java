package io.mycel.node.gcounter;

import io.mycel.node.api.NodeId;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A state-based grow-only counter (Shapiro et al., 2011): one monotone count per origin node; the
 * value is their sum and merge is the pointwise maximum, which is commutative, associative and
 * idempotent, so gossip may arrive late, twice or out of order.
 */
final class GCounterState {

    private final TreeMap<NodeId, Long> counts = new TreeMap<>();

    long value() {
        long sum = 0;
        for (long count : counts.values()) {
            sum += count;
        }
        return sum;
    }

    long countOf(NodeId origin) {
        return counts.getOrDefault(origin, 0L);
    }

    void increment(NodeId origin, long delta) {
        if (delta <= 0) {
            throw new IllegalArgumentException("a grow-only counter only grows: delta " + delta);
        }
        counts.merge(origin, delta, Long::sum);
    }

    /** Pointwise maximum; returns true if this state changed. */
    boolean merge(Map<NodeId, Long> other) {
        boolean changed = false;
        for (Map.Entry<NodeId, Long> entry : other.entrySet()) {
            long mine = counts.getOrDefault(entry.getKey(), 0L);
            if (entry.getValue() > mine) {
                counts.put(entry.getKey(), entry.getValue());
                changed = true;
            }
        }
        return changed;
    }

    /** True if this state has an entry above the other's, so the other would learn from us. */
    boolean knowsMoreThan(Map<NodeId, Long> other) {
        for (Map.Entry<NodeId, Long> entry : counts.entrySet()) {
            if (entry.getValue() > other.getOrDefault(entry.getKey(), 0L)) {
                return true;
            }
        }
        return false;
    }

    SortedMap<NodeId, Long> snapshot() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(counts));
    }
}
