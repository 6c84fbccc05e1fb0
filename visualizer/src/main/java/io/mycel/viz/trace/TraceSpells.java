package io.mycel.viz.trace;

/**
 * Which trace records begin and end a spell of trouble: a node down, paused, asleep or browned
 * out, or the network partitioned. The replay, the report and the Perfetto export all read spells
 * through this one table, so a record kind added to the trace is not shaded by one and missed by
 * the others.
 */
public final class TraceSpells {

    /** The kinds of spell, each with the words the views show for it. */
    public enum Kind {
        DOWN("down"), PAUSED("paused"), ASLEEP("asleep"), BROWNED_OUT("browned out"), PARTITIONED("partitioned");

        public final String label;

        Kind(String label) {
            this.label = label;
        }

        /** Whether the spell is the network's (partitions and cuts), not a node's. */
        public boolean network() {
            return this == PARTITIONED;
        }
    }

    /**
     * What a record does to a spell of {@code kind}: begins one or ends it. A partition replaces the
     * one before ({@code replaces}: it ends it and begins anew); a one-way cut begins a spell only
     * if none stands (cuts add up until the heal).
     */
    public record Edge(Kind kind, boolean begins, boolean replaces) {
    }

    private TraceSpells() {
    }

    /** The edge a record of trace type {@code type} makes, or null for a record that makes none. */
    public static Edge of(String type) {
        return switch (type) {
            case "crash" -> new Edge(Kind.DOWN, true, false);
            case "start", "restart" -> new Edge(Kind.DOWN, false, false);
            case "pause" -> new Edge(Kind.PAUSED, true, false);
            case "resume" -> new Edge(Kind.PAUSED, false, false);
            case "sleep" -> new Edge(Kind.ASLEEP, true, false);
            case "wake" -> new Edge(Kind.ASLEEP, false, false);
            case "brown-out" -> new Edge(Kind.BROWNED_OUT, true, false);
            case "power-restored" -> new Edge(Kind.BROWNED_OUT, false, false);
            case "partition" -> new Edge(Kind.PARTITIONED, true, true);
            case "cut" -> new Edge(Kind.PARTITIONED, true, false);
            case "heal" -> new Edge(Kind.PARTITIONED, false, false);
            default -> null;
        };
    }
}
