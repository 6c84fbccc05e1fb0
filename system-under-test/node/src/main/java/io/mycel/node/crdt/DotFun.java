package io.mycel.node.crdt;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Dots each tagging a value: the content of a multi-value register (the values written
 * concurrently), of an observed-remove set (each element's live adds), or of a causal counter (each
 * replica's contribution). Immutable.
 */
public final class DotFun<V> implements CausalStore<DotFun<V>> {

    private static final DotFun<?> EMPTY = new DotFun<>(new TreeMap<>());

    private final SortedMap<Dot, V> entries;

    DotFun(SortedMap<Dot, V> entries) {
        this.entries = entries;
    }

    @SuppressWarnings("unchecked")
    public static <V> DotFun<V> empty() {
        return (DotFun<V>) EMPTY;
    }

    public SortedMap<Dot, V> entries() {
        return Collections.unmodifiableSortedMap(entries);
    }

    /** The values, in dot order. */
    public List<V> values() {
        return List.copyOf(entries.values());
    }

    /** The distinct values, sorted by their text: what a set reads. */
    public SortedSet<String> distinct() {
        TreeSet<String> out = new TreeSet<>();
        entries.values().forEach(v -> out.add(String.valueOf(v)));
        return out;
    }

    @Override
    public SortedSet<Dot> dots() {
        return new TreeSet<>(entries.keySet());
    }

    @Override
    public DotFun<V> join(CausalContext mine, DotFun<V> other, CausalContext theirs) {
        return new DotFun<>(DotStores.join(entries, mine, other.entries, theirs));
    }

    @Override
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public DotFun<V> emptyLike() {
        return empty();
    }

    /** A multi-value register write: a new dot for the value, replacing every value here. */
    public static <V> OrMap.Mutation<DotFun<V>> write(V value) {
        return (context, current, replica) -> {
            Dot dot = context.next(replica);
            TreeMap<Dot, V> delta = new TreeMap<>();
            delta.put(dot, value);
            SortedSet<Dot> seen = current.dots();
            seen.add(dot);
            return new OrMap.Delta<>(new DotFun<>(delta), seen);
        };
    }

    /** An add-wins set add: a new dot for the element, replacing its older dots. */
    public static <V> OrMap.Mutation<DotFun<V>> add(V element) {
        return (context, current, replica) -> {
            Dot dot = context.next(replica);
            TreeMap<Dot, V> delta = new TreeMap<>();
            delta.put(dot, element);
            SortedSet<Dot> seen = current.dotsOf(element);
            seen.add(dot);
            return new OrMap.Delta<>(new DotFun<>(delta), seen);
        };
    }

    /** An observed remove: drops the element's dots seen here. */
    public static <V> OrMap.Mutation<DotFun<V>> removeElement(V element) {
        return (context, current, replica) -> new OrMap.Delta<>(empty(), current.dotsOf(element));
    }

    /**
     * A causal counter's increment (the CCounter of Almeida, Shoker and Baquero's delta-state CRDTs):
     * a replica's whole contribution sits under one dot of its own, and an increment replaces that
     * dot with a new one holding the new total. Under an OR-Map, removing the key resets what the
     * remover saw; an increment concurrent with the remove keeps its replica's total as that
     * replica knew it (the remove did not see the new dot).
     */
    public static OrMap.Mutation<DotFun<Long>> increment(long delta) {
        return (context, current, replica) -> {
            long total = delta;
            TreeSet<Dot> seen = new TreeSet<>();
            for (Map.Entry<Dot, Long> entry : current.entries.entrySet()) {
                if (entry.getKey().replica().equals(replica)) {
                    total += entry.getValue();
                    seen.add(entry.getKey());
                }
            }
            Dot dot = context.next(replica);
            TreeMap<Dot, Long> changed = new TreeMap<>();
            changed.put(dot, total);
            seen.add(dot);
            return new OrMap.Delta<>(new DotFun<>(changed), seen);
        };
    }

    /** A causal counter's value: the sum of every replica's contribution. */
    public static long sum(DotFun<Long> counter) {
        long sum = 0;
        for (long contribution : counter.entries.values()) {
            sum += contribution;
        }
        return sum;
    }

    private SortedSet<Dot> dotsOf(V element) {
        TreeSet<Dot> found = new TreeSet<>();
        for (Map.Entry<Dot, V> entry : entries.entrySet()) {
            if (entry.getValue().equals(element)) {
                found.add(entry.getKey());
            }
        }
        return found;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DotFun<?> f && f.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
