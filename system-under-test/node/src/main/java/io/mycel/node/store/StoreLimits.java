package io.mycel.node.store;

/** The store's bounds, kept together. */
final class StoreLimits {

    static final int MAX_KEY_BYTES = 256;
    /** One key's encoded state; a larger one is a malformed message, not an allocation. */
    static final int MAX_STATE_BYTES = 1 << 20;
    /** Keys one digest covers; a store with more keys is compared window by window. */
    static final int MAX_DIGEST_KEYS = 256;
    /** States one repair message carries; the rest follow in later rounds. */
    static final int MAX_REPAIR_KEYS = 64;
    static final int MAX_READ_ELEMENTS = 1 << 16;
    /**
     * Keys with deltas waiting for the next broadcast. Past this the buffer is dropped (and
     * counted): anti-entropy repairs what it held, so memory stays bounded under a burst.
     */
    static final int MAX_PENDING_DELTA_KEYS = 1024;

    private StoreLimits() {
    }
}
