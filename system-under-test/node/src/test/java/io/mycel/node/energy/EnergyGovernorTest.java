package io.mycel.node.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.PowerView;
import io.mycel.node.energy.EnergyGovernor.WorkClass;
import org.junit.jupiter.api.Test;

class EnergyGovernorTest {

    /** A battery that is low or not, and nothing else. */
    static PowerView battery(boolean low) {
        return new PowerView() {
            @Override
            public double stateOfCharge() {
                return low ? 0.1 : 0.9;
            }

            @Override
            public boolean isLow() {
                return low;
            }
        };
    }

    @Test
    void onALowBatteryCriticalWorkRunsNormalWorkSlowsAndDeferrableWorkWaits() {
        EnergyGovernor g = new EnergyGovernor(true, 20);
        PowerView low = battery(true);
        assertEquals(1_000, g.period(low, WorkClass.CRITICAL, 1_000));
        assertEquals(20_000, g.period(low, WorkClass.NORMAL, 1_000));
        assertEquals(EnergyGovernor.PAUSED, g.period(low, WorkClass.DEFERRABLE, 1_000));
        assertFalse(g.mayRun(low, WorkClass.DEFERRABLE));
        assertTrue(g.mayRun(low, WorkClass.NORMAL));
        for (WorkClass w : WorkClass.values()) {
            assertEquals(1_000, g.period(battery(false), w, 1_000), "a full battery changes nothing");
            assertEquals(1_000, g.period(PowerView.MAINS, w, 1_000), "nor does mains power");
        }
        assertEquals(EnergyGovernor.PAUSED - 1, g.period(low, WorkClass.NORMAL, Long.MAX_VALUE / 4), "no overflow");
    }

    @Test
    void aGovernorTurnedOffIgnoresTheBattery() {
        EnergyGovernor off = new EnergyGovernor(false, 20);
        for (WorkClass w : WorkClass.values()) {
            assertEquals(1_000, off.period(battery(true), w, 1_000));
            assertTrue(off.mayRun(battery(true), w));
        }
    }
}
