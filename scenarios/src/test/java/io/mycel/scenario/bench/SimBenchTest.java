package io.mycel.scenario.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SimBenchTest {

    @Test
    void everyNodeSendsEveryTenMillisecondsAndAlmostAllArriveWithinTheRun() {
        SimBench.Result r = SimBench.measure(50, 2_000_000, 1);
        // 50 nodes x 200 periods; sends in the last millisecond are still in flight at the end.
        long sent = 50 * 200;
        assertTrue(r.delivered() <= sent && r.delivered() >= sent - 50, "delivered " + r.delivered());
        // one timer event and one delivery event per message, plus a start per node
        assertEquals(r.delivered() * 2 + 50, r.events(), 60);
    }
}
