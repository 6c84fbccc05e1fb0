package io.mycel.scenario.check;

import static io.mycel.scenario.check.RunBuilder.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.check.CheckResult;
import io.mycel.check.Verdict;
import org.junit.jupiter.api.Test;

/** tasks-once, checkpoints-forward and ring-balance on hand-made runs of the tasks program. */
class TasksChecksTest {

    /** Three nodes, two specs; the safety phase ends at 10s and the run at 20s. */
    private static RunBuilder run() {
        RunBuilder run = RunBuilder.nodes(3, 10_000, 20_000);
        for (String node : new String[] {"n1", "n2", "n3"}) {
            run.note(0, node, "task-specs", "2");
        }
        return run;
    }

    @Test
    void tasksOncePassesWhenEachSpecRunsOnceAfterTheBound() {
        RunBuilder run = run().note(100, "n1", "task-start", "t1 0 quorum 1").note(100, "n2", "task-start", "t2 0 quorum 1")
                .note(11_000, "n1", "task-stop", "t1 50 handoff 1").note(11_050, "n3", "task-start", "t1 50 n1 2");
        CheckResult result = TasksOnceCheck.check(run.build(), ms(2_000));
        assertEquals(Verdict.PASS, result.verdict(), result.summary());
    }

    @Test
    void tasksOnceFailsOnADuplicateLeftAfterTheHealAndOnALostTask() {
        RunBuilder dup = run().note(100, "n1", "task-start", "t1 0 quorum 1").note(100, "n2", "task-start", "t2 0 quorum 1")
                .note(5_000, "n3", "task-start", "t1 30 quorum 2");
        CheckResult result = TasksOnceCheck.check(dup.build(), ms(2_000));
        assertEquals(Verdict.FAIL, result.verdict(), result.summary());
        assertEquals(1, result.evidence().get("duplicated"));
        RunBuilder lost = run().note(100, "n1", "task-start", "t1 0 quorum 1").note(100, "n2", "task-start", "t2 0 quorum 1")
                .crash(15_000, "n2");
        CheckResult lostResult = TasksOnceCheck.check(lost.build(), ms(2_000));
        assertEquals(Verdict.FAIL, lostResult.verdict(), lostResult.summary());
        assertTrue(lostResult.summary().contains("t2 ran nowhere"), lostResult.summary());
    }

    @Test
    void checkpointsForwardJudgesByEpochNotByWhenANoteWasWritten() {
        // n2 learns late that a quorum took its epoch-1 save of version 60, after n3 started at epoch 2
        // from 60: no regress. A start at epoch 3 from 55 is one.
        RunBuilder ok = run().note(100, "n2", "task-start", "t1 0 quorum 1").note(5_000, "n3", "task-start", "t1 60 quorum 2")
                .note(5_010, "n2", "task-checkpoint", "t1 60 1");
        assertEquals(Verdict.PASS, CheckpointsForwardCheck.check(ok.build(), 0).verdict());
        RunBuilder back = run().note(100, "n2", "task-start", "t1 0 quorum 1").note(4_000, "n2", "task-checkpoint", "t1 60 1")
                .note(5_000, "n3", "task-start", "t1 55 quorum 3");
        CheckResult result = CheckpointsForwardCheck.check(back.build(), 0);
        assertEquals(Verdict.FAIL, result.verdict(), result.summary());
        assertTrue(result.summary().contains("below version 60"), result.summary());
    }

    @Test
    void aStartFromAHandoverMustTakeEverythingTheHolderHadDone() {
        RunBuilder dropped = run().note(100, "n1", "task-start", "t1 0 quorum 1").note(3_000, "n1", "task-checkpoint", "t1 40 1")
                .note(4_000, "n1", "task-stop", "t1 47 handoff 1").note(4_020, "n2", "task-start", "t1 40 n1 2");
        CheckResult result = CheckpointsForwardCheck.check(dropped.build(), 0);
        assertEquals(Verdict.FAIL, result.verdict(), result.summary());
        assertTrue(result.summary().contains("the handoff by n1"), result.summary());
        RunBuilder fromQuorum = run().note(100, "n1", "task-start", "t1 0 quorum 1").note(3_000, "n1", "task-checkpoint", "t1 40 1")
                .note(4_000, "n1", "task-stop", "t1 47 handoff 1").note(4_020, "n2", "task-start", "t1 40 quorum 2");
        assertEquals(Verdict.PASS, CheckpointsForwardCheck.check(fromQuorum.build(), 0).verdict(),
                "a handover that came too late settles nothing");
    }

    @Test
    void ringBalanceComparesTheBusiestNodeWithTheMean() {
        RunBuilder run = RunBuilder.nodes(2, 10_000, 20_000).note(0, "n1", "task-specs", "4");
        for (int t = 1; t <= 3; t++) {
            run.note(100, "n1", "task-start", "t" + t + " 0 quorum 1");
        }
        run.note(100, "n2", "task-start", "t4 0 quorum 1");
        CheckResult tight = RingBalanceCheck.check(run.build(), 1_400);
        assertEquals(Verdict.FAIL, tight.verdict(), tight.summary());
        assertEquals(1.5, tight.evidence().get("maxOverMean"));
        assertEquals(Verdict.PASS, RingBalanceCheck.check(run.build(), 1_500).verdict());
    }
}
