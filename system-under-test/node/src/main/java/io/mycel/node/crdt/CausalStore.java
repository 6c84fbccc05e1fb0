package io.mycel.node.crdt;

import java.util.SortedSet;

/**
 * The content of a causal CRDT without its causal context: dots with data. Stores nest (an OR-Map
 * holds one per key) and share the enclosing map's context, which is what lets a removed key's
 * contents go without tombstones and a concurrent update to it survive.
 *
 * @param <T> the type itself
 */
public interface CausalStore<T extends CausalStore<T>> {

    /** Every dot this store holds, at any depth. */
    SortedSet<Dot> dots();

    /** The join of this store, seen under {@code mine}, with {@code other}, seen under {@code theirs}. */
    T join(CausalContext mine, T other, CausalContext theirs);

    boolean isEmpty();

    /** An empty store of the same kind. */
    T emptyLike();
}
