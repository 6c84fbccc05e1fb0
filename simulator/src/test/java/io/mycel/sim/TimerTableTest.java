package io.mycel.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.mycel.node.api.SeededRandom;
import io.mycel.node.api.TimerId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimerTableTest {

    @Test
    void behavesAsAMapUnderRandomPutsAndRemovesWithCollidingKeys() {
        for (long seed = 0; seed < 50; seed++) {
            SeededRandom r = new SeededRandom(seed);
            TimerTable table = new TimerTable();
            Map<Long, TimerFire> model = new HashMap<>();
            // A small key space forces long probe runs and wrap-around, where deletion is subtle.
            long keySpace = seed % 2 == 0 ? 3_000 : 1L << 40;
            // Ids are positive, as the simulator hands them out.
            for (int step = 0; step < 20_000; step++) {
                long key = r.nextLong(1, keySpace);
                if (r.nextInt(3) == 0) {
                    assertSame(model.remove(key), table.remove(key), "seed " + seed + " step " + step);
                } else {
                    TimerFire fire = new TimerFire(null, 0, new TimerId(key, "t"));
                    model.put(key, fire);
                    table.put(key, fire);
                }
                assertEquals(model.size(), table.size());
            }
            for (Map.Entry<Long, TimerFire> e : model.entrySet()) {
                assertSame(e.getValue(), table.remove(e.getKey()), "seed " + seed);
            }
            assertEquals(0, table.size());
        }
    }
}
