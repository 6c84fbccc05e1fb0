package io.mycel.node.dht;

/** Bugs the {@code dht} program can plant, for the lab to catch. */
public enum DhtBug {
    NONE("none"),
    /** Distances compared as signed numbers: lookups head the wrong way and miss live targets. */
    SIGNED_DISTANCE("signed-distance"),
    /** The republish timer is not set again after it first fires: provider records expire for good. */
    REPUBLISH_ONCE("republish-once");

    private final String label;

    DhtBug(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static DhtBug of(String label) {
        for (DhtBug bug : values()) {
            if (bug.label.equals(label)) {
                return bug;
            }
        }
        throw new IllegalArgumentException("no DHT bug " + label);
    }
}
