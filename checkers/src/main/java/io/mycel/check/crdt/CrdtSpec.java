package io.mycel.check.crdt;

import java.util.SplittableRandom;

/**
 * A state-based CRDT as the law checks see it: states form a join semilattice under {@link #merge},
 * and updates move a replica's state up. States must implement {@code equals} by value.
 *
 * @param <S> the replicated state
 * @param <U> an update a client asks a replica to make
 */
public interface CrdtSpec<S, U> {

    String name();

    /** The state of a replica that has seen nothing. */
    S empty();

    /** The state after {@code replica} applies {@code update} to {@code state}. */
    S update(S state, int replica, U update);

    /** The least upper bound of two states. */
    S merge(S a, S b);

    /** A random update, drawn from the seed's stream. */
    U randomUpdate(SplittableRandom random);
}
