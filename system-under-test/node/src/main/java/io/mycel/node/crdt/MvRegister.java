package io.mycel.node.crdt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A multi-value register: a write replaces every value its writer had seen; writes that did not
 * see each other (concurrent) are all kept, and a reader sees them all until a later write
 * replaces them. Values are tagged with dots; the causal context says which writes were seen.
 */
public final class MvRegister<V> implements Crdt<MvRegister<V>> {

    private final SortedMap<Dot, V> values;
    private final CausalContext context;

    MvRegister(SortedMap<Dot, V> values, CausalContext context) {
        this.values = values;
        this.context = context;
    }

    public static <V> MvRegister<V> empty() {
        return new MvRegister<>(new TreeMap<>(), CausalContext.EMPTY);
    }

    /** The delta of {@code replica} writing {@code value}: it, with the dots of every value it replaces. */
    public MvRegister<V> write(String replica, V value) {
        Dot dot = context.next(replica);
        TreeMap<Dot, V> delta = new TreeMap<>();
        delta.put(dot, value);
        List<Dot> seen = new ArrayList<>(values.keySet());
        seen.add(dot);
        return new MvRegister<>(delta, CausalContext.of(seen));
    }

    /** The values of concurrent writes, in dot order; one value when writes were ordered. */
    public List<V> values() {
        return List.copyOf(values.values());
    }

    public CausalContext context() {
        return context;
    }

    @Override
    public MvRegister<V> merge(MvRegister<V> other) {
        return new MvRegister<>(DotStores.join(values, context, other.values, other.context), context.merge(other.context));
    }

    public SortedMap<Dot, V> entries() {
        return Collections.unmodifiableSortedMap(values);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MvRegister<?> m && m.values.equals(values) && m.context.equals(context);
    }

    @Override
    public int hashCode() {
        return values.hashCode() * 31 + context.hashCode();
    }

    @Override
    public String toString() {
        return "MvRegister" + values + context;
    }
}
