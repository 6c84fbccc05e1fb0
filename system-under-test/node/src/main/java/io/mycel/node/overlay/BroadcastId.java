package io.mycel.node.overlay;

/**
 * Broadcast ids are 64-bit numbers drawn from the originator's random stream: with fewer than a
 * billion broadcasts in a run the chance of a clash is below 3 in 100 million, and no node has to
 * remember a sequence number across crashes.
 */
final class BroadcastId {

    private BroadcastId() {
    }

    /** The form used in trace notes: short and the same on every node. */
    static String text(long id) {
        return Long.toUnsignedString(id, 36);
    }
}
