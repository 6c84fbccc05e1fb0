package io.mycel.check.lin;

import io.mycel.check.History;

/**
 * A sequential specification: what one object does when operations reach it one at a time. The
 * linearizability checker searches for an order of a history's operations, consistent with their
 * real-time order, that this specification accepts.
 *
 * <p>A model is a pure step function: {@link #step} must not change its arguments or depend on
 * anything but them, and states must implement {@code equals} and {@code hashCode} by value,
 * because the checker remembers (linearized set, state) pairs it has seen. States are never null.
 *
 * @param <S> the state of the object
 * @param <O> an operation prepared for stepping: parsed once, stepped many times
 */
public interface Model<S, O> {

    /** The name used on the command line and in verdicts, e.g. {@code cas-register}. */
    String name();

    S initialState();

    /**
     * Prepares one operation of the history, knowing its outcome ({@link History.Operation#outcome()}).
     * Returns null to leave the operation out of the search: one that did not take effect (a
     * {@code fail}, in Jepsen's meaning) or one that constrains nothing (a read whose result is
     * unknown).
     *
     * @throws IllegalArgumentException when the operation is not one this model knows, saying what
     *     was expected
     */
    O prepare(History.Operation operation);

    /**
     * The state after {@code op} takes effect in {@code state}, or null when it cannot have produced
     * its recorded outcome there. For an operation whose outcome is unknown, return the state it
     * would leave if it took effect; the checker itself considers that it may never have.
     */
    S step(S state, O op);

    /**
     * The independent object an operation touches, for P-compositionality: a history is
     * linearizable exactly when each object's sub-history is. Null puts everything in one object.
     */
    default Object partitionKey(History.Operation operation) {
        return null;
    }

    /**
     * Whether the operation acts on every object at once (a node releasing all the names it held).
     * The checker copies it into each object's sub-history, in its place by time. That checks every
     * projection of the operation but not that it acted on all objects at one instant: a necessary
     * condition for linearizability, no longer a sufficient one.
     */
    default boolean touchesEveryObject(History.Operation operation) {
        return false;
    }

    /**
     * Whether {@code target} could still take effect legally from {@code state}, if some of
     * {@code others} (the operations that may still take effect before it, in no particular order)
     * took effect first. Answering false prunes the search: it gives up on a state at once instead
     * of trying every order of what may follow. Must never answer false when some sequence of
     * {@code others} makes {@code target} legal; answering true is always safe. Only consulted when
     * {@link #prunes()} is true.
     */
    default boolean reachable(S state, O target, java.util.List<O> others) {
        return true;
    }

    /**
     * Whether the operation never changes the state: when legal, {@link #step} returns the very
     * state it was given. The search takes such an operation as soon as it holds, and skips the
     * alternatives: a read that holds now can take effect now in any linearization that places it
     * later. Answering false is always safe.
     */
    default boolean readOnly(O op) {
        return false;
    }

    /** Whether {@link #reachable} is worth asking: it costs a walk over the pending operations. */
    default boolean prunes() {
        return false;
    }

    /**
     * Roughly how many bytes a state holds, for the memory budget: the search keeps one per visited
     * configuration. The default suits small values; states that grow (a queue's contents, a set's
     * elements) should say so.
     */
    default long estimatedBytes(S state) {
        return 32;
    }

    /** The state as a person should read it in evidence. */
    default String describe(S state) {
        return String.valueOf(state);
    }
}
