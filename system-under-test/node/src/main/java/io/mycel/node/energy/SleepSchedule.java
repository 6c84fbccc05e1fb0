package io.mycel.node.energy;

import io.mycel.node.api.NodeId;
import java.nio.charset.StandardCharsets;

/**
 * When each node of a cluster sleeps, known to all: every {@code period} a node sleeps for
 * {@code sleep}, at a phase drawn from its name, so that nodes sleep at different times and the
 * cluster always has members awake. Every node computes the same schedule from the same settings,
 * so a peer knows when another is asleep without being told (as beacon-scheduled radio networks do),
 * and the membership protocol neither probes a sleeping member nor counts its sleep against it.
 *
 * <p>{@code guard} widens each sleep on both sides when others judge it, for clocks that disagree
 * and messages in flight: a member is treated as asleep from {@code guard} before its sleep starts
 * until {@code guard} after it ends.
 */
public record SleepSchedule(long periodMicros, long sleepMicros, long guardMicros) {

    public SleepSchedule {
        if (periodMicros < 1 || sleepMicros < 1 || sleepMicros + 2 * guardMicros >= periodMicros || guardMicros < 0) {
            throw new IllegalArgumentException("a sleep of " + sleepMicros + "us with guards of " + guardMicros
                    + "us must leave the node awake for part of every " + periodMicros + "us");
        }
    }

    /** Where in the period the node's sleep starts: a hash of its name (FNV-1a), the same on every node. */
    public long phaseOf(NodeId node) {
        long h = 0xCBF29CE484222325L;
        for (byte b : node.name().getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001B3L;
        }
        return Math.floorMod(h, periodMicros);
    }

    /** When the node's next sleep starts, at or after {@code nowMicros}. */
    public long nextSleepAt(NodeId node, long nowMicros) {
        long phase = phaseOf(node);
        long start = Math.floorDiv(nowMicros - phase, periodMicros) * periodMicros + phase;
        return start >= nowMicros ? start : start + periodMicros;
    }

    /** Whether others should treat the node as asleep at {@code nowMicros}: within a sleep, widened by the guard. */
    public boolean asleepAround(NodeId node, long nowMicros) {
        long intoPeriod = Math.floorMod(nowMicros - phaseOf(node) + guardMicros, periodMicros);
        return intoPeriod < sleepMicros + 2 * guardMicros;
    }
}
