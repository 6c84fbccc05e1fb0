package io.mycel.node.membership;

/** SWIM's bounds, kept together. */
final class SwimLimits {

    /**
     * Most updates one message carries. With node names of at most 64 characters this caps a
     * probe message near 1 KB, so it fits one radio frame budget and never grows with the cluster.
     */
    static final int MAX_PIGGYBACKED_UPDATES = 12;

    /** Indirect probes a node relays at once; beyond this the oldest relay is forgotten. */
    static final int MAX_PENDING_RELAYS = 64;

    private SwimLimits() {
    }
}
