package io.mycel.node.store;

import java.util.Locale;

/**
 * Bugs the store can be told to have, so scenarios prove the lab catches them. Each is a mistake
 * real replicated stores have shipped.
 */
public enum PlantedBug {
    NONE,
    /**
     * Set: a remote remove is applied by element, not by the dots it saw, so it also drops adds it
     * never saw (concurrent or later ones): add-wins is broken.
     */
    REMOVE_DROPS_CONCURRENT_ADDS,
    /** Counter: a remote state is merged by adding its per-replica counts instead of taking the maximum. */
    MERGE_NOT_IDEMPOTENT,
    /**
     * Own updates are acknowledged at once and kept in memory until the next flush; a restart
     * forgets the ones not yet flushed (and not yet sent).
     */
    FORGET_DELTAS_ON_RESTART;

    /** The scenario spelling: lower case with dashes. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static PlantedBug ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
