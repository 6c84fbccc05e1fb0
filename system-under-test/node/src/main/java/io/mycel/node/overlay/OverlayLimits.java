package io.mycel.node.overlay;

/** The overlays' bounds, kept together. */
final class OverlayLimits {

    /** Largest broadcast payload: a delta batch of the store must fit. */
    static final int MAX_PAYLOAD_BYTES = 1 << 20;

    /** Node names one view message (shuffle, shuffle reply) may carry. */
    static final int MAX_VIEW_ENTRIES = 64;

    /** Announcements one IHAVE message may carry; more go in further messages. */
    static final int MAX_IHAVE_ENTRIES = 256;

    private OverlayLimits() {
    }
}
