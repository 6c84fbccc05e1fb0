package io.mycel.node.overlay;

/**
 * Broadcast ids are 64-bit numbers drawn from the originator's random stream: with fewer than a
 * billion broadcasts in a run the chance of a clash is below 3 in 100 million, and no node has to
 * remember a sequence number across crashes.
 */
final class BroadcastId {

    private BroadcastId() {
    }

    /**
     * The form used in trace notes: the same on every node, and cheap, as every delivery writes it
     * (an unsigned base-36 form goes through BigInteger for half of all ids).
     */
    static String text(long id) {
        return Long.toHexString(id);
    }
}
