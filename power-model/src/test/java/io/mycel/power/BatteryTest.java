package io.mycel.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.SeededRandom;
import org.junit.jupiter.api.Test;

class BatteryTest {

    private static final BatterySpec CELL = BatterySpec.liIon18650();

    @Test
    void aConstantLoadForAKnownTimeDrainsAKnownCharge() {
        Battery b = new Battery(CELL, 1.0);
        assertEquals(2.45 * 3600 * 3.6, b.storedJoules(), 1e-9);
        b.advance(3_600_000_000L, 1.0, 0);   // 1 W for an hour
        assertEquals(CELL.capacityJoules() - 3600, b.storedJoules(), 1e-9);
        assertEquals(3600, b.spentJoules(), 1e-9);
        // The same drain in a thousand pieces lands on the same charge, to floating-point error.
        Battery pieces = new Battery(CELL, 1.0);
        for (int i = 0; i < 1000; i++) {
            pieces.advance(3_600_000L, 1.0, 0);
        }
        assertEquals(b.storedJoules(), pieces.storedJoules(), 1e-6);
    }

    @Test
    void everyJouleHarvestedIsStoredSpentLostInChargingOrClippedOverManySeeds() {
        for (long seed = 1; seed <= 300; seed++) {
            SeededRandom r = new SeededRandom(seed);
            Battery b = new Battery(CELL, r.nextDouble());
            double start = b.storedJoules();
            for (int step = 0; step < 200; step++) {
                long micros = 1 + (long) (r.nextDouble() * 3_600_000_000L);
                b.advance(micros, r.nextDouble() * 6, r.nextInt(3) == 0 ? 0 : r.nextDouble() * 8);
                assertTrue(b.storedJoules() >= 0 && b.storedJoules() <= CELL.capacityJoules() + 1e-6, "seed " + seed);
            }
            double balance = b.harvestedJoules() - (b.storedJoules() - start) - b.spentJoules() - b.chargeLossJoules() - b.clippedJoules();
            assertEquals(0, balance, 1e-6 * Math.max(1, b.harvestedJoules()), "seed " + seed);
        }
    }

    @Test
    void theBrownOutTimeIsExactToTheMicrosecondOverManySeeds() {
        for (long seed = 1; seed <= 300; seed++) {
            SeededRandom r = new SeededRandom(seed);
            double soc = 0.05 + 0.9 * r.nextDouble();
            double load = 0.1 + 5 * r.nextDouble();
            double harvest = r.nextDouble() * load * 0.9;
            long t = new Battery(CELL, soc).microsUntilBrownOut(load, harvest);
            assertTrue(t > 0 && t < Long.MAX_VALUE, "seed " + seed);
            Battery before = new Battery(CELL, soc);
            before.advance(t - 1, load, harvest);
            assertFalse(before.brownedOut(load), "seed " + seed + ": browned out a microsecond early");
            Battery at = new Battery(CELL, soc);
            at.advance(t, load, harvest);
            assertTrue(at.brownedOut(load) || Math.abs(at.loadedVolts(load) - CELL.cutoffVolts()) < 1e-6, "seed " + seed);
        }
    }

    @Test
    void aBrownedOutNodeStartsAgainOnlyOnceTheRestingVoltageRecovers() {
        Battery b = new Battery(CELL, 0.001);
        assertTrue(b.brownedOut(2.0), "nearly empty, 2 W pulls it under the cut-off");
        assertFalse(b.brownedOut(0.1), "a light load still runs");
        assertFalse(b.recovered());
        assertEquals(Long.MAX_VALUE, b.microsUntilRecovered(0), "no harvest, no recovery");
        long t = b.microsUntilRecovered(2.0);
        // Crossings are computed to the microsecond, rounded up: two microseconds early it has not recovered.
        Battery early = new Battery(CELL, 0.001);
        early.advance(t - 2, 0, 2.0);
        assertFalse(early.recovered());
        b.advance(t, 0, 2.0);
        assertTrue(b.recovered());
        assertEquals(CELL.recoverVolts(), b.ocvVolts(), 1e-6);
        assertEquals(Long.MAX_VALUE, b.microsUntilBrownOut(1.0, 1.5), "a harvest above the load never browns out");
    }

    @Test
    void theOpenCircuitTableIsReadBothWaysAndTheCutoffIsSolvedExactly() {
        assertEquals(3.80, CELL.ocv(0.55), 1e-12);
        assertEquals(0.55, CELL.socAt(3.80), 1e-12);
        assertEquals(3.0, CELL.ocv(0), 1e-12);
        assertEquals(4.2, CELL.ocv(1), 1e-12);
        double ocv = CELL.ocvForCutoff(5.0);
        assertEquals(CELL.cutoffVolts(), ocv - CELL.internalOhms() * 5.0 / ocv, 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new Battery(CELL, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new BatterySpec("bad", 1, 3.6, new double[] {0, 1},
                new double[] {3.5, 3.4}, 0.1, 3.0, 3.3, 0.9));
    }
}
