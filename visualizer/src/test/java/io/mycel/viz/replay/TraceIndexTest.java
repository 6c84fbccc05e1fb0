package io.mycel.viz.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceIndexTest {

    static Path demo() throws Exception {
        return Path.of(TraceIndexTest.class.getResource("/replay-trace.jsonl").toURI());
    }

    @Test
    void aTraceIsIndexedByTimeWithMessagesPairedAndStatusesAtAnyInstant() throws Exception {
        TraceIndex t = TraceIndex.load(demo());
        assertEquals(List.of("n1", "n2", "n3"), t.nodes());
        assertEquals(17, t.size());
        assertEquals(900_000, t.endMicros());
        assertEquals(4, t.messages().size());
        assertEquals(130_000, t.messages().get(0).deliverMicros());
        assertEquals(true, t.messages().get(1).dropped());
        assertEquals(TraceIndex.Status.UP, t.at(1, 399_999).status());
        assertEquals(TraceIndex.Status.DOWN, t.at(1, 400_000).status());
        assertEquals(TraceIndex.Status.UP, t.at(1, 600_000).status());
        assertEquals("leader", t.at(0, 100_000).role());
        assertEquals("", t.at(0, 99_999).role());
        assertEquals(900_000, t.failureMicros());
        assertEquals("raft-safety: election safety: two leaders in term 1", t.failure());
        assertEquals(11, t.recordAt(400_000));
        assertEquals("crash", t.type(t.recordAt(400_000)));
        assertEquals(true, t.text(11).contains("\"type\":\"crash\""));
        // The longest flight is 50 ms: at 340 ms only messages sent from 290 ms on may fly, the third on.
        assertEquals(2, t.firstMessageAround(340_000));
        assertEquals(3, t.firstMessageAround(360_000));
        assertEquals(List.of(new TraceIndex.Change(0, TraceIndex.Status.UP, "", 2), new TraceIndex.Change(400_000, TraceIndex.Status.DOWN, "", 11)),
                t.changesBetween(1, 375_000, 420_000));
        assertEquals(4, t.find("raft-leader", 0));
        assertEquals(15, t.find("raft-leader", 5));
        assertEquals(-1, t.find("raft-leader", 16));
        assertEquals(-1, t.find("no such text", 0));
    }
}
