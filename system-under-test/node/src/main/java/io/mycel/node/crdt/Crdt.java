package io.mycel.node.crdt;

/**
 * A state-based CRDT: an immutable value with a join ({@link #merge}) that is commutative,
 * associative and idempotent. Mutators live on each type and return a delta: a (small) state of
 * the same type whose merge into the current state gives the new state, so replicas can ship
 * deltas instead of whole states (delta-state CRDTs, Almeida, Shoker and Baquero).
 *
 * <p>All types are values: {@code equals} and {@code hashCode} by content, iteration in sorted
 * order, no hidden randomness, so the simulator's runs stay deterministic and a model checker can
 * hash whole states.
 *
 * @param <S> the type itself
 */
public interface Crdt<S extends Crdt<S>> {

    /** The least state above both. */
    S merge(S other);
}
