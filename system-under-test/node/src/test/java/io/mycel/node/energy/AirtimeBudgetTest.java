package io.mycel.node.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.DurableStore;
import io.mycel.node.api.PowerView;
import io.mycel.node.api.SeededRandom;
import io.mycel.node.energy.EnergyGovernor.WorkClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AirtimeBudgetTest {

    private static final long HOUR = AirtimeBudget.WINDOW_MICROS;

    /** A store that keeps what was synced, and can lose what was not, as a crash would. */
    private static final class Store implements DurableStore {
        final Map<String, byte[]> synced = new TreeMap<>();
        final Map<String, byte[]> pending = new TreeMap<>();
        int syncs;

        @Override
        public byte[] get(String key) {
            return pending.containsKey(key) ? pending.get(key) : synced.get(key);
        }

        @Override
        public void put(String key, byte[] value) {
            pending.put(key, value);
        }

        @Override
        public void delete(String key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.SortedSet<String> keys() {
            java.util.SortedSet<String> keys = new java.util.TreeSet<>(synced.keySet());
            keys.addAll(pending.keySet());
            return keys;
        }

        @Override
        public void sync() {
            synced.putAll(pending);
            pending.clear();
            syncs++;
        }

        void crash() {
            pending.clear();
        }
    }

    private final Store store = new Store();

    /** A LoRa-like radio: {@code duty} of any hour, a millisecond on air per byte. */
    private static PowerView radio(double duty) {
        return new PowerView() {
            @Override
            public double stateOfCharge() {
                return 1;
            }

            @Override
            public boolean isLow() {
                return false;
            }

            @Override
            public double dutyCycle() {
                return duty;
            }

            @Override
            public long airtimeMicros(int bytes) {
                return bytes * 1_000L;
            }
        };
    }

    @Test
    void normalFramesLeaveTheReserveToCriticalOnesAndTheBudgetReturnsAnHourAfterEachFrame() {
        PowerView lora = radio(0.01);   // 36 s an hour; with a quarter reserved, 27 s for upkeep
        AirtimeBudget budget = new AirtimeBudget(0.25);
        for (int i = 0; i < 27; i++) {
            long now = i * 1_000_000L;
            assertTrue(budget.fits(lora, now, WorkClass.NORMAL, 1_000), "frame " + i);
            budget.sent(lora, store, now, 1_000);
        }
        long now = 27_000_000;
        assertFalse(budget.fits(lora, now, WorkClass.NORMAL, 1_000));
        assertEquals(HOUR, budget.fitsAt(lora, now, WorkClass.NORMAL, 1_000), "when the first frame leaves the window");
        assertEquals(HOUR + 1_000_000, budget.fitsAt(lora, now, WorkClass.NORMAL, 2_000), "two seconds need two frames gone");
        for (int i = 0; i < 9; i++) {
            assertTrue(budget.fits(lora, now + i, WorkClass.CRITICAL, 1_000), "critical frame " + i);
            budget.sent(lora, store, now + i, 1_000);
        }
        assertFalse(budget.fits(lora, now + 9, WorkClass.CRITICAL, 1_000), "36 s spent: even an answer waits");
        assertEquals(36_000_000, budget.usedMicros(now + 9));
        assertEquals(35_000_000, budget.usedMicros(HOUR), "the first frame has left the window");
        assertEquals(Long.MAX_VALUE, budget.fitsAt(lora, 0, WorkClass.NORMAL, 28_000), "longer than upkeep's whole budget");
    }

    @Test
    void aRestartedNodeCountsTheAirtimeItReservedBeforeTheCrash() {
        PowerView lora = radio(0.01);
        AirtimeBudget before = new AirtimeBudget(0.25);
        for (int i = 0; i < 20; i++) {
            before.sent(lora, store, i * 1_000_000L, 1_000);   // 20 s on air, in chunks of 4.5 s reserved
        }
        assertEquals(5, store.syncs, "five chunks reserved for 20 s");
        store.crash();
        AirtimeBudget after = new AirtimeBudget(0.25);
        after.restore(store, 30_000_000);
        assertEquals(22_500_000, after.usedMicros(30_000_000), "all five chunks, whole: never less than was sent");
        assertFalse(after.fits(lora, 30_000_000, WorkClass.NORMAL, 5_000));
        // The last chunk's frames may have started until the restart, so it counts an hour from there.
        assertEquals(4_500_000, after.usedMicros(HOUR + 29_000_000));
        AirtimeBudget later = new AirtimeBudget(0.25);
        later.restore(store, 2 * HOUR);
        // Restarted two hours on: the earlier chunks are gone, but when the node went down is unknown, so
        // the last chunk still counts from the restart.
        assertEquals(4_500_000, later.usedMicros(2 * HOUR));
    }

    @Test
    void withoutADutyCycleNothingIsLimitedOrCounted() {
        AirtimeBudget budget = new AirtimeBudget(0.25);
        for (int i = 0; i < 1_000; i++) {
            assertTrue(budget.fits(PowerView.MAINS, i, WorkClass.NORMAL, 10_000));
            budget.sent(PowerView.MAINS, store, i, 10_000);
        }
        assertEquals(0, budget.usedMicros(1_000));
    }

    /**
     * Over many seeds: a node that sends only when the budget says a frame fits, at random times and
     * sizes and of random classes, and that now and then crashes and restarts, is never on air more
     * than its duty cycle within any hour, judged independently over every window that starts at a frame.
     */
    @Test
    void framesSentOnlyWhenTheyFitNeverExceedTheDutyCycleInAnyHour() {
        for (long seed = 1; seed <= 200; seed++) {
            SeededRandom random = new SeededRandom(seed);
            double duty = 0.001 + random.nextDouble() * 0.05;
            PowerView lora = radio(duty);
            Store disk = new Store();
            double reserve = random.nextDouble() * 0.5;
            AirtimeBudget budget = new AirtimeBudget(reserve);
            List<long[]> sent = new ArrayList<>();
            long now = 0;
            int refused = 0;
            for (int i = 0; i < 2_000; i++) {
                now += random.nextLong(1, 20_000_000);
                int bytes = (int) random.nextLong(10, 2_000);
                WorkClass work = WorkClass.values()[random.nextInt(3)];
                if (random.chance(0.01)) {
                    // A crash and quick restart: the volatile account is gone, the reservations are not.
                    disk.crash();
                    budget = new AirtimeBudget(reserve);
                    budget.restore(disk, now);
                }
                if (budget.fits(lora, now, work, bytes)) {
                    budget.sent(lora, disk, now, bytes);
                    sent.add(new long[] {now, bytes * 1_000L});
                } else {
                    refused++;
                    // (Asking at a later time would expire frames early: the account only moves forward.)
                    assertTrue(budget.fitsAt(lora, now, work, bytes) > now, "seed " + seed + ": a refused frame fits later, not now");
                }
            }
            long limit = (long) Math.floor(duty * HOUR);
            for (int i = 0; i < sent.size(); i++) {
                long sum = 0;
                for (int j = i; j < sent.size() && sent.get(j)[0] < sent.get(i)[0] + HOUR; j++) {
                    sum += sent.get(j)[1];
                }
                assertTrue(sum <= limit, "seed " + seed + ": " + sum + "us on air in the hour from " + sent.get(i)[0] + "us, limit " + limit);
            }
            assertTrue(refused > 0, "seed " + seed + ": the budget was never the limit, so the test shows nothing");
            assertTrue(disk.syncs <= 2 * AirtimeBudget.CHUNKS_PER_HOUR * (now / HOUR + 1) + 40,
                    "seed " + seed + ": a few syncs an hour, not one a frame: " + disk.syncs + " for " + sent.size() + " frames");
        }
    }
}
