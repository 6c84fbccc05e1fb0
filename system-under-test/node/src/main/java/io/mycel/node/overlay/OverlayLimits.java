package io.mycel.node.overlay;

/** The overlays' bounds, kept together. */
final class OverlayLimits {

    /** Largest broadcast payload: a delta batch of the store must fit. */
    static final int MAX_PAYLOAD_BYTES = 1 << 20;

    /** Node names one view message (shuffle, shuffle reply) may carry. */
    static final int MAX_VIEW_ENTRIES = 64;

    /** Announcements one IHAVE message may carry; more go in further messages. */
    static final int MAX_IHAVE_ENTRIES = 256;

    /**
     * Messages Plumtree waits for (announced, not yet received) at once; announcements beyond it are
     * ignored, and the store's anti-entropy repairs what they would have brought.
     */
    static final int MAX_MISSING = 4096;

    /** Announcements queued for one peer between two flushes; beyond it they are dropped. */
    static final int MAX_QUEUED_ANNOUNCEMENTS = 4096;

    private OverlayLimits() {
    }
}
