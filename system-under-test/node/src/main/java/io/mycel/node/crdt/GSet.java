package io.mycel.node.crdt;

import java.util.Collections;
import java.util.NavigableSet;
import java.util.TreeSet;

/** A grow-only set, merged by union. */
public final class GSet<E extends Comparable<E>> implements Crdt<GSet<E>> {

    private final NavigableSet<E> elements;

    GSet(NavigableSet<E> elements) {
        this.elements = elements;
    }

    public static <E extends Comparable<E>> GSet<E> empty() {
        return new GSet<E>(new TreeSet<E>());
    }

    /** The delta of adding {@code element}: a set of it alone. */
    public GSet<E> add(E element) {
        TreeSet<E> delta = new TreeSet<>();
        delta.add(element);
        return new GSet<>(delta);
    }

    public boolean contains(E element) {
        return elements.contains(element);
    }

    public NavigableSet<E> elements() {
        return Collections.unmodifiableNavigableSet(elements);
    }

    @Override
    public GSet<E> merge(GSet<E> other) {
        TreeSet<E> union = new TreeSet<>(elements);
        union.addAll(other.elements);
        return new GSet<>(union);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GSet<?> g && g.elements.equals(elements);
    }

    @Override
    public int hashCode() {
        return elements.hashCode();
    }

    @Override
    public String toString() {
        return "GSet" + elements;
    }
}
