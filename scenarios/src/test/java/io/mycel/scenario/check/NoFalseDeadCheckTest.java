package io.mycel.scenario.check;

import static io.mycel.scenario.check.RunBuilder.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.check.CheckResult;
import io.mycel.check.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoFalseDeadCheckTest {

    /** Three nodes; the run ends at one minute, so three nodes always up give three live-node-minutes. */
    private static RunBuilder run() {
        return RunBuilder.nodes(3, 50_000, 60_000);
    }

    private static CheckResult check(RunBuilder run) {
        return NoFalseDeadCheck.check(run.build(), NoFalseDeadCheck.DEFAULT_WINDOW_MICROS);
    }

    @Test
    void declaringDeadANodeUpAndReachableThroughTheWholeWindowIsFalse() {
        CheckResult result = check(run().dead(10_000, "n1", "n2"));
        assertEquals(Verdict.FAIL, result.verdict());
        assertEquals(1, result.evidence().get("falseDeclarations"));
        assertEquals(0.333, result.evidence().get("falsePerLiveNodeMinute"));
        assertEquals(List.of("n1 declared n2 dead at 10s, with both running and the network whole since 5s"),
                result.evidence().get("false"));
        assertTrue(result.summary().startsWith("1 of 1 member-dead declarations were false (window 5s), "
                + "0.333 per live-node-minute over 3 live-node-minutes"), result.summary());
    }

    @Test
    void aDeclarationOfACrashedMemberIsNotFalse() {
        CheckResult result = check(run().crash(9_000, "n2").dead(10_000, "n1", "n2"));
        assertEquals(Verdict.PASS, result.verdict(), result.summary());
        assertEquals(1, result.evidence().get("excusedMemberDown"));
    }

    @Test
    void aRestartExcusesDeclarationsUntilTheWindowHasPassedSinceIt() {
        RunBuilder run = run().crash(2_000, "n2").restart(3_000, "n2");
        assertEquals(Verdict.PASS, check(run.dead(7_999, "n1", "n2")).verdict());
        assertEquals(Verdict.FAIL, check(run().crash(2_000, "n2").restart(3_000, "n2").dead(8_000, "n1", "n2")).verdict());
    }

    @Test
    void aPartitionOrCutInTheWindowExcusesTheDeclarationUntilTheWindowHasPassedSinceTheHeal() {
        assertEquals(Verdict.PASS, check(run().partition(6_000, List.of("n1")).heal(7_000).dead(11_999, "n1", "n2")).verdict());
        assertEquals(Verdict.FAIL, check(run().partition(6_000, List.of("n1")).heal(7_000).dead(12_000, "n1", "n2")).verdict());
        CheckResult cut = check(run().cut(6_000, "n2", "n1").heal(7_000).dead(11_000, "n1", "n2"));
        assertEquals(Verdict.PASS, cut.verdict());
        assertEquals(1, cut.evidence().get("excusedNetworkFault"));
    }

    @Test
    void aPauseOfTheDeclarerOrOfTheMemberExcusesTheDeclaration() {
        CheckResult declarerPaused = check(run().pause(8_000, "n1").resume(9_000, "n1").dead(10_000, "n1", "n2"));
        assertEquals(Verdict.PASS, declarerPaused.verdict());
        assertEquals(1, declarerPaused.evidence().get("excusedDeclarerPaused"));
        CheckResult memberPaused = check(run().pause(8_000, "n2").resume(9_000, "n2").dead(10_000, "n1", "n2"));
        assertEquals(Verdict.PASS, memberPaused.verdict());
        assertEquals(1, memberPaused.evidence().get("excusedMemberDown"));
    }

    @Test
    void theWindowIsAParameter() {
        RunBuilder run = run().crash(2_000, "n2").restart(3_000, "n2").dead(5_000, "n1", "n2");
        assertEquals(Verdict.PASS, NoFalseDeadCheck.check(run.build(), ms(5_000)).verdict());
        CheckResult shortWindow = NoFalseDeadCheck.check(run.build(), ms(1_000));
        assertEquals(Verdict.FAIL, shortWindow.verdict());
        assertEquals("1s", shortWindow.evidence().get("window"));
    }

    @Test
    void aDeclarationEarlyInTheRunIsJudgedFromTheStart() {
        assertEquals(Verdict.FAIL, check(run().dead(2_000, "n3", "n1")).verdict());
    }

    @Test
    void theRateCountsOnlyTimeNodesWereUp() {
        // n3 is down for half the run: 2.5 live-node-minutes, and two false declarations.
        CheckResult result = check(run().crash(30_000, "n3").dead(10_000, "n1", "n2").dead(20_000, "n2", "n1"));
        assertEquals(2.5, result.evidence().get("liveNodeMinutes"));
        assertEquals(0.8, result.evidence().get("falsePerLiveNodeMinute"));
    }

    @Test
    void withoutDeclarationsOrWithOnlyNamesOutsideTheRunNothingIsFalse() {
        assertEquals(Verdict.PASS, check(run()).verdict());
        CheckResult stranger = check(run().dead(10_000, "n1", "n9").note(10_000, "n1", "member-suspect", "n2"));
        assertEquals(Verdict.PASS, stranger.verdict());
        assertEquals(1, stranger.evidence().get("notNodesOfTheRun"));
        assertEquals(1, stranger.evidence().get("declarations"));
    }

    @Test
    void droppedNotesLeaveAPassUndecidedButNotAFailure() {
        assertEquals(Verdict.UNKNOWN, NoFalseDeadCheck.check(run().build(3), NoFalseDeadCheck.DEFAULT_WINDOW_MICROS).verdict());
        assertEquals(Verdict.FAIL, NoFalseDeadCheck.check(run().dead(10_000, "n1", "n2").build(3),
                NoFalseDeadCheck.DEFAULT_WINDOW_MICROS).verdict());
    }
}
