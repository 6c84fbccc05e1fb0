package io.mycel.sim;

import io.mycel.node.api.PowerView;

/**
 * A node's energy as the simulator drives it: the power model behind one node. The simulator tells
 * it what the node does (handlers run, frames sent, power on and off) and asks it, at the times it
 * names, whether the node must go down (brown-out) or may come back (power restored), or whether
 * what node code reads through {@link io.mycel.node.api.NodeContext#power()} crossed a threshold.
 *
 * <p>Checks run at the times the supply names, computed from the steady load and harvest, and at
 * once after a burst of work that crossed something. A crossing during the steady drain that bursts
 * brought forward is therefore seen at the node's next burst or the named time, whichever comes
 * first: energy is accounted exactly, the brown-out instant to within the node's own activity.
 *
 * <p>Implementations integrate over virtual time only and draw any randomness from the seed: they
 * are simulator code, held to the same determinism.
 */
public interface EnergySupply {

    /** What the supply has to report at a check. */
    enum Verdict {
        /** Nothing changed that the simulator must act on. */
        NONE,
        /** The node's voltage under load fell below the cut-off: it goes down, losing what it had not synced. */
        BROWN_OUT,
        /** A browned-out node's battery recovered: it starts again. */
        RECOVERED,
        /** What node code reads crossed a threshold (it became low, or no longer is): the node is told. */
        MODE_CHANGED
    }

    /** What node code sees. */
    PowerView view();

    /** What the node draws now between bursts of work, in watts, for the trace's telemetry. */
    double loadWatts();

    /** The node is switched on (it starts) or off (it crashed, by a fault or a brown-out), at {@code nowMicros}. */
    void powered(long nowMicros, boolean on);

    /** The node fell asleep (radio off, CPU in light sleep) or woke, at {@code nowMicros}; ignored by default. */
    default void asleep(long nowMicros, boolean asleep) {
    }

    /**
     * A handler ran: for a message of {@code bytesIn} bytes, or for a timer ({@code bytesIn} -1).
     * Returns true when its cost crossed something (the cut-off, a threshold) and the supply must be
     * checked at once; a check is not rescheduled for every burst, which would double the events of a run.
     */
    boolean handled(long nowMicros, int bytesIn);

    /** The node sent a frame of {@code bytes} bytes; true as for {@link #handled}. */
    boolean sent(long nowMicros, int bytes);

    /**
     * The node's link layer worked outside any handler: {@code cpuMicros} of CPU time and
     * {@code bytesIn} bytes received (a secure link's handshake). True as for {@link #handled}. By
     * default it costs nothing, for supplies that do not model it.
     */
    default boolean linkWork(long nowMicros, long cpuMicros, int bytesIn) {
        return false;
    }

    /** When the supply must next be checked; {@code Long.MAX_VALUE} when nothing can change. */
    long nextCheck(long nowMicros);

    /** Brings the supply up to {@code nowMicros} and says what the simulator must do. */
    Verdict check(long nowMicros);
}
