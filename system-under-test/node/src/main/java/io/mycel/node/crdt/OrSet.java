package io.mycel.node.crdt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An observed-remove set with add-wins semantics and a compact causal context (as in ORSWOT): each
 * add tags its element with a fresh dot; a remove drops the dots it has seen; an add concurrent
 * with a remove keeps its unseen dot, so the element stays. Removed elements leave no tombstones:
 * the causal context remembers which dots were seen, in a version vector and a small cloud.
 */
public final class OrSet<E extends Comparable<E>> implements Crdt<OrSet<E>> {

    /** Each element's dots, kept as a dot-to-element map so the shared dot-store join applies. */
    private final SortedMap<Dot, E> dots;
    private final CausalContext context;

    OrSet(SortedMap<Dot, E> dots, CausalContext context) {
        this.dots = dots;
        this.context = context;
    }

    public static <E extends Comparable<E>> OrSet<E> empty() {
        return new OrSet<E>(new TreeMap<Dot, E>(), CausalContext.EMPTY);
    }

    /** The delta of {@code replica} adding {@code element}: a new dot for it, replacing its older dots. */
    public OrSet<E> add(String replica, E element) {
        Dot dot = context.next(replica);
        TreeMap<Dot, E> delta = new TreeMap<>();
        delta.put(dot, element);
        List<Dot> seen = dotsOf(element);
        seen.add(dot);
        return new OrSet<>(delta, CausalContext.of(seen));
    }

    /** The delta of removing {@code element}: no dots, and a context of the dots it had here. */
    public OrSet<E> remove(E element) {
        return new OrSet<E>(new TreeMap<Dot, E>(), CausalContext.of(dotsOf(element)));
    }

    private List<Dot> dotsOf(E element) {
        List<Dot> found = new ArrayList<>();
        for (Map.Entry<Dot, E> entry : dots.entrySet()) {
            if (entry.getValue().equals(element)) {
                found.add(entry.getKey());
            }
        }
        return found;
    }

    /**
     * The elements held here that {@code other} saw and no longer holds: some dot of theirs is in
     * {@code other}'s context but not among its dots. A remove delta names its element this way.
     */
    public NavigableSet<E> removedBy(OrSet<E> other) {
        TreeSet<E> removed = new TreeSet<>();
        for (Map.Entry<Dot, E> entry : dots.entrySet()) {
            if (other.context.contains(entry.getKey()) && !other.dots.containsKey(entry.getKey())) {
                removed.add(entry.getValue());
            }
        }
        return removed;
    }

    public boolean contains(E element) {
        return dots.containsValue(element);
    }

    public NavigableSet<E> elements() {
        return Collections.unmodifiableNavigableSet(new TreeSet<>(dots.values()));
    }

    SortedMap<Dot, E> dots() {
        return Collections.unmodifiableSortedMap(dots);
    }

    public CausalContext context() {
        return context;
    }

    @Override
    public OrSet<E> merge(OrSet<E> other) {
        return new OrSet<>(DotStores.join(dots, context, other.dots, other.context), context.merge(other.context));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OrSet<?> s && s.dots.equals(dots) && s.context.equals(context);
    }

    @Override
    public int hashCode() {
        return dots.hashCode() * 31 + context.hashCode();
    }

    @Override
    public String toString() {
        return "OrSet" + dots + context;
    }
}
