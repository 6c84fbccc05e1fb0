package io.mycel.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.check.History;
import io.mycel.node.api.NodeId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunRecordTest {

    private static final NodeId N1 = NodeId.of("n1");
    private static final NodeId N2 = NodeId.of("n2");

    private static RunRecord record(List<RunRecord.Event> events) {
        List<RunRecord.Event> all = new ArrayList<>(List.of(new RunRecord.Start(0, N1), new RunRecord.Start(0, N2)));
        all.addAll(events);
        return new RunRecord(new History(List.of()), List.of(N1, N2), 100, 200, List.of(), 0, all);
    }

    @Test
    void aNodeIsUpThroughoutAWindowOnlyWhenNoCrashOrPauseTouchesIt() {
        RunRecord run = record(List.of(new RunRecord.Crash(10, N1), new RunRecord.Restart(20, N1),
                new RunRecord.Pause(30, N1), new RunRecord.Resume(40, N1)));
        assertTrue(run.upThroughout(N1, 0, 9));
        assertFalse(run.upThroughout(N1, 0, 10), "a crash at the window's end");
        assertTrue(run.upThroughout(N1, 20, 29), "up from the restart on");
        assertFalse(run.upThroughout(N1, 19, 25), "still down at the window's start");
        assertFalse(run.upThroughout(N1, 25, 35), "paused in the window");
        assertTrue(run.upThroughout(N1, 40, 200), "resumed at the window's start");
        assertTrue(run.upThroughout(N2, -50, 200), "a window reaching before the run is judged from 0");
        assertFalse(run.upThroughout(NodeId.of("n3"), 0, 1), "never started");
    }

    @Test
    void aDegradedLinkModelCountsAsANetworkFaultUntilTheScenariosOwnIsBack() {
        RunRecord run = record(List.of(new RunRecord.LinkChange(10, true), new RunRecord.LinkChange(15, true),
                new RunRecord.LinkChange(20, false), new RunRecord.LinkChange(30, false), new RunRecord.LinkChange(50, true)));
        assertFalse(run.networkFaultDuring(0, 9));
        assertTrue(run.networkFaultDuring(0, 10), "a loss burst from 10");
        assertTrue(run.networkFaultDuring(19, 19), "a second degraded model does not end the first");
        assertFalse(run.networkFaultDuring(20, 49), "restored at 20; restoring twice changes nothing");
        assertTrue(run.networkFaultDuring(60, 200), "degraded from 50 to the end");
    }

    @Test
    void aCrashUndoneAtTheSameInstantStillBreaksTheWindow() {
        RunRecord run = record(List.of(new RunRecord.Crash(50, N1), new RunRecord.Restart(50, N1)));
        assertFalse(run.upThroughout(N1, 50, 60));
        assertFalse(run.upThroughout(N1, 40, 50));
        assertTrue(run.upThroughout(N1, 51, 60));
    }

    @Test
    void pausesAreSeenAtTheWindowStartAndWithinIt() {
        RunRecord run = record(List.of(new RunRecord.Pause(10, N1), new RunRecord.Resume(20, N1)));
        assertTrue(run.pausedDuring(N1, 15, 16));
        assertTrue(run.pausedDuring(N1, 0, 10));
        assertFalse(run.pausedDuring(N1, 20, 30), "resumed at the window's start");
        assertFalse(run.pausedDuring(N2, 0, 200));
    }

    @Test
    void networkFaultsLastFromTheFirstPartitionOrCutToTheNextHeal() {
        RunRecord run = record(List.of(
                new RunRecord.Cut(10, List.of(N1), List.of(N2)),
                new RunRecord.Partition(15, List.of(List.of(N1))),
                new RunRecord.Heal(20),
                new RunRecord.Partition(30, List.of(List.of(N2))),
                new RunRecord.Heal(30),
                new RunRecord.Partition(50, List.of(List.of(N2)))));
        assertFalse(run.networkFaultDuring(0, 9));
        assertTrue(run.networkFaultDuring(0, 10));
        assertTrue(run.networkFaultDuring(19, 19));
        assertFalse(run.networkFaultDuring(20, 49), "healed at 20; the partition healed at its own instant never held");
        assertTrue(run.networkFaultDuring(60, 200), "never healed");
    }

    @Test
    void upTimeCountsEveryUpStretchWithinTheSpan() {
        RunRecord run = record(List.of(new RunRecord.Crash(10, N1), new RunRecord.Restart(20, N1),
                new RunRecord.Pause(30, N1), new RunRecord.Resume(35, N1)));
        assertEquals(10 + 10 + 165, run.upMicros(N1, 0, 200));
        assertEquals(5 + 5, run.upMicros(N1, 25, 40));
        assertEquals(200, run.upMicros(N2, 0, 200));
    }

    @Test
    void eventsOutOfTimeOrderOrAnInvertedWindowAreBugs() {
        assertThrows(IllegalArgumentException.class, () -> record(List.of(new RunRecord.Heal(20), new RunRecord.Heal(10))));
        assertThrows(IllegalArgumentException.class, () -> record(List.of()).upThroughout(N1, 5, 4));
    }
}
