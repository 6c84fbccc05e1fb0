package io.mycel.mc.state;

/**
 * The states an exploration has seen, each with the least depth it was reached at (a depth-first
 * search explores a state again when it finds a shorter way to it, so a depth bound cuts nothing it
 * should not).
 */
public interface VisitedStates {

    /**
     * Records the state whose encoding is the first {@code length} bytes of {@code bytes}, with
     * {@code hash} its {@link StateHash}, reached at {@code depth}; true when it is new or now reached
     * at a smaller depth than before.
     */
    boolean visit(byte[] bytes, int length, long hash, int depth);

    long size();

    /** Bytes the store holds per state, table and keys included. */
    double bytesPerState();

    /** How states are kept, for reports. */
    String describe();

    enum Kind {
        /** Every state's whole encoding: exact, larger. */
        FULL,
        /** A 64-bit hash of each state: small, with a tiny chance of taking a new state for a seen one. */
        HASH
    }

    static VisitedStates of(Kind kind) {
        return kind == Kind.FULL ? new FullStates() : new HashedStates();
    }
}
