package io.mycel.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mycel.check.History;
import io.mycel.node.api.NodeId;
import io.mycel.sim.JsonTraceWriter;
import io.mycel.sim.TraceSink;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventRecorderTest {

    private static final NodeId N1 = NodeId.of("n1");
    private static final NodeId N2 = NodeId.of("n2");

    /** Records as the simulator writes them, a few of every kind the recorder keeps and some it does not. */
    private static void replay(TraceSink sink) {
        sink.record(0, "start", "node", "n1", "incarnation", 1);
        sink.record(0, "start", "node", "n2", "incarnation", 1);
        sink.record(5, "send", "from", "n1", "to", "n2", "id", 1L, "msg", "Ping", "bytes", 12);
        sink.record(7, "note", "node", "n2", "event", "member-dead", "detail", "n1");
        sink.record(8, "crash", "node", "n1", "lostWrites", 0);
        sink.record(9, "partition", "groups", List.of(List.of("n1"), List.of("n2")));
        sink.record(10, "cut", "from", List.of("n2"), "to", List.of("n1"));
        sink.record(11, "heal");
        sink.record(12, "restart", "node", "n1", "incarnation", 2);
        sink.record(13, "pause", "node", "n2");
        sink.record(14, "resume", "node", "n2", "waiting", 3);
        sink.record(15, "note", "node", "n1", "event", "bcast-send", "detail", null);
    }

    @Test
    void theTraceIsByteForByteWhatItIsWithoutTheRecorder() {
        JsonTraceWriter direct = JsonTraceWriter.hashOnly();
        replay(direct);
        direct.close();
        JsonTraceWriter behind = JsonTraceWriter.hashOnly();
        replay(new EventRecorder(behind, new Object[0]));
        behind.close();
        assertEquals(direct.sha256(), behind.sha256());
    }

    @Test
    void notesAndLifecycleAndNetworkEventsAreKeptInOrder() {
        EventRecorder recorder = new EventRecorder(TraceSink.NONE, new Object[0]);
        replay(recorder);
        RunRecord run = recorder.toRunRecord(new History(List.of()), List.of(N1, N2), 16, 20, java.util.Map.of());
        assertEquals(List.of(new RunRecord.Note(7, N2, "member-dead", "n1"), new RunRecord.Note(15, N1, "bcast-send", null)),
                run.notes());
        assertEquals(List.of(new RunRecord.Start(0, N1), new RunRecord.Start(0, N2), new RunRecord.Crash(8, N1),
                new RunRecord.Partition(9, List.of(List.of(N1), List.of(N2))),
                new RunRecord.Cut(10, List.of(N2), List.of(N1)), new RunRecord.Heal(11),
                new RunRecord.Restart(12, N1), new RunRecord.Pause(13, N2), new RunRecord.Resume(14, N2)), run.events());
    }
}
