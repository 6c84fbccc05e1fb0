package io.mycel.node.crdt;

import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An observed-remove map of causal CRDTs (the causal ORMap of delta-state CRDTs): each key holds a
 * causal store ({@link DotFun} for a multi-value register or an add-wins set, or another map's
 * store), all sharing the map's one causal context. Updating a key adds dots under it; removing a
 * key drops the dots seen under it, with no tombstone; an update concurrent with a remove keeps its
 * unseen dots, so the key stays with just what the remove did not see (it is a reset, not a
 * resurrection of the old contents).
 */
public final class OrMap<K extends Comparable<K>, T extends CausalStore<T>> implements Crdt<OrMap<K, T>> {

    /** What a mutation of one key's store produces: a delta store, and the dots it replaces or removes. */
    public record Delta<T>(T store, SortedSet<Dot> seen) {
    }

    /** A mutation of one key's store, given the map's context (to mint dots) and the key's current store. */
    @FunctionalInterface
    public interface Mutation<T> {
        Delta<T> apply(CausalContext context, T current, String replica);
    }

    private final SortedMap<K, T> entries;
    private final CausalContext context;
    private final T emptyValue;

    OrMap(SortedMap<K, T> entries, CausalContext context, T emptyValue) {
        this.entries = entries;
        this.context = context;
        this.emptyValue = emptyValue;
    }

    /** An empty map whose keys hold stores like {@code emptyValue}. */
    public static <K extends Comparable<K>, T extends CausalStore<T>> OrMap<K, T> empty(T emptyValue) {
        return new OrMap<K, T>(new TreeMap<K, T>(), CausalContext.EMPTY, emptyValue);
    }

    /** The delta of {@code replica} applying {@code mutation} to the store under {@code key}. */
    public OrMap<K, T> update(String replica, K key, Mutation<T> mutation) {
        Delta<T> delta = mutation.apply(context, get(key), replica);
        TreeMap<K, T> changed = new TreeMap<>();
        if (!delta.store().isEmpty()) {
            changed.put(key, delta.store());
        }
        TreeSet<Dot> seen = new TreeSet<>(delta.seen());
        seen.addAll(delta.store().dots());
        return new OrMap<>(changed, CausalContext.of(seen), emptyValue);
    }

    /** The delta of removing {@code key}: no entries, and a context of every dot under it here. */
    public OrMap<K, T> remove(K key) {
        return new OrMap<K, T>(new TreeMap<K, T>(), CausalContext.of(get(key).dots()), emptyValue);
    }

    /** The store under {@code key}, empty when the key is absent. */
    public T get(K key) {
        T value = entries.get(key);
        return value == null ? emptyValue : value;
    }

    public SortedMap<K, T> entries() {
        return Collections.unmodifiableSortedMap(entries);
    }

    public CausalContext context() {
        return context;
    }

    @Override
    public OrMap<K, T> merge(OrMap<K, T> other) {
        TreeSet<K> keys = new TreeSet<>(entries.keySet());
        keys.addAll(other.entries.keySet());
        TreeMap<K, T> joined = new TreeMap<>();
        for (K key : keys) {
            T value = get(key).join(context, other.get(key), other.context);
            if (!value.isEmpty()) {
                joined.put(key, value);
            }
        }
        return new OrMap<>(joined, context.merge(other.context), emptyValue);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OrMap<?, ?> m && m.entries.equals(entries) && m.context.equals(context);
    }

    @Override
    public int hashCode() {
        return entries.hashCode() * 31 + context.hashCode();
    }

    @Override
    public String toString() {
        return "OrMap" + entries + context;
    }
}
