package io.mycel.node.crdt;

import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * A two-phase set: a grow-only set of adds and one of removes (tombstones). An element removed
 * once can never come back; a remove only counts for an element that was added.
 */
public record TwoPSet<E extends Comparable<E>>(GSet<E> added, GSet<E> removed) implements Crdt<TwoPSet<E>> {

    public static <E extends Comparable<E>> TwoPSet<E> empty() {
        return new TwoPSet<E>(GSet.<E>empty(), GSet.<E>empty());
    }

    public TwoPSet<E> add(E element) {
        return new TwoPSet<E>(added.add(element), GSet.<E>empty());
    }

    /** The delta of removing {@code element}; nothing when it is not present here (remove what you saw). */
    public TwoPSet<E> remove(E element) {
        return contains(element) ? new TwoPSet<E>(GSet.<E>empty(), removed.add(element)) : empty();
    }

    public boolean contains(E element) {
        return added.contains(element) && !removed.contains(element);
    }

    public NavigableSet<E> elements() {
        TreeSet<E> present = new TreeSet<>(added.elements());
        present.removeAll(removed.elements());
        return present;
    }

    @Override
    public TwoPSet<E> merge(TwoPSet<E> other) {
        return new TwoPSet<>(added.merge(other.added), removed.merge(other.removed));
    }
}
