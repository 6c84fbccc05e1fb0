package io.mycel.node.api;

/**
 * What a node knows of its own energy. A node on mains power sees {@link #MAINS}, always full; a
 * node on a battery sees its power model, and is told through {@link Process#onPowerChange} when
 * {@link #isLow()} changes.
 */
public interface PowerView {

    /** Battery state of charge in [0, 1]. */
    double stateOfCharge();

    /** True when the node should shed non-critical work. */
    boolean isLow();

    /** Watts the node's harvester delivers now (0 without one). */
    default double harvestWatts() {
        return 0;
    }

    /**
     * The share of time the node's radio may be on air, over any hour, by regulation: 0.01 for LoRa in
     * most EU868 sub-bands (ETSI EN 300 220). 1 when no duty cycle applies (wired, Wi-Fi).
     */
    default double dutyCycle() {
        return 1.0;
    }

    /**
     * Microseconds on air of a frame of {@code bytes} bytes on this node's radio, as the duty cycle
     * counts it; 0 when no duty cycle applies.
     */
    default long airtimeMicros(int bytes) {
        return 0;
    }

    PowerView MAINS = new PowerView() {
        @Override
        public double stateOfCharge() {
            return 1.0;
        }

        @Override
        public boolean isLow() {
            return false;
        }

        @Override
        public String toString() {
            return "mains";
        }
    };
}
