package io.mycel.node.energy;

import io.mycel.node.api.PowerView;

/**
 * Decides how much work a node takes on from the energy it has, as backpressure would: work is
 * critical (acknowledging a client's write: it always runs), normal (recurring upkeep such as
 * gossip: slowed by {@code lowSlowdown} while the node is low) or deferrable (work that can wait
 * for the sun: paused while low, resumed when the node is told it no longer is). A node on mains
 * power is never low, so the governor changes nothing there.
 */
public final class EnergyGovernor {

    public enum WorkClass { CRITICAL, NORMAL, DEFERRABLE }

    /** The period of paused work: it waits for {@code onPowerChange}. */
    public static final long PAUSED = Long.MAX_VALUE;

    private final boolean enabled;
    private final int lowSlowdown;

    /** @param enabled false plants a bug: the node works as hard on a low battery as on a full one */
    public EnergyGovernor(boolean enabled, int lowSlowdown) {
        if (lowSlowdown < 1) {
            throw new IllegalArgumentException("a slowdown of at least 1, got " + lowSlowdown);
        }
        this.enabled = enabled;
        this.lowSlowdown = lowSlowdown;
    }

    /** The wait before recurring work of this class runs again, or {@link #PAUSED}. */
    public long period(PowerView power, WorkClass work, long basePeriodMicros) {
        if (!enabled || !power.isLow() || work == WorkClass.CRITICAL) {
            return basePeriodMicros;
        }
        if (work == WorkClass.DEFERRABLE) {
            return PAUSED;
        }
        long slowed = basePeriodMicros * lowSlowdown;
        return slowed / lowSlowdown == basePeriodMicros ? slowed : PAUSED - 1;
    }

    /** Whether work of this class may run now. */
    public boolean mayRun(PowerView power, WorkClass work) {
        return !enabled || !power.isLow() || work != WorkClass.DEFERRABLE;
    }
}
