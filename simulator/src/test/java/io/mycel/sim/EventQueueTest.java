package io.mycel.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.SeededRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventQueueTest {

    private static final class Tagged extends Event {
        final long time;
        final long seq;

        Tagged(long time, long seq) {
            this.time = time;
            this.seq = seq;
        }


        @Override
        void fire(Simulation sim) {
        }
    }

    @Test
    void pollsInTimeThenSequenceOrderUnderInterleavedAddsAndPolls() {
        // Small steps keep events in the wheel; large ones send them to the far heap and back.
        for (long seed = 0; seed < 100; seed++) {
            int span = seed % 2 == 0 ? 50 : EventQueue.SLOTS * 3;
            SeededRandom r = new SeededRandom(seed);
            EventQueue q = new EventQueue();
            List<Tagged> model = new ArrayList<>();
            long seq = 0;
            long lastTime = 0;
            for (int step = 0; step < 3000; step++) {
                if (r.nextInt(3) > 0 || q.isEmpty()) {
                    // Times never go below the last polled time, as in the simulator.
                    Tagged t = new Tagged(lastTime + (r.nextInt(4) == 0 ? r.nextInt(span) : r.nextInt(3)), seq++);
                    q.add(t.time, t.seq, t);
                    model.add(t);
                } else {
                    model.sort(Comparator.<Tagged>comparingLong(e -> e.time).thenComparingLong(e -> e.seq));
                    Tagged expected = model.remove(0);
                    assertEquals(expected.time, q.peekTime(), "seed " + seed);
                    Tagged got = (Tagged) q.poll();
                    assertTrue(got == expected, "seed " + seed + " step " + step);
                    lastTime = got.time;
                }
                assertEquals(model.size(), q.size());
            }
        }
    }
}
