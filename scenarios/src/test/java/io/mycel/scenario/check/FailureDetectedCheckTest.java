package io.mycel.scenario.check;

import static io.mycel.scenario.check.RunBuilder.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.check.CheckResult;
import io.mycel.check.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailureDetectedCheckTest {

    private static final long BOUND = ms(2_000);

    /** Four nodes; the safety phase ends at 20s and the run at 25s. */
    private static RunBuilder run() {
        return RunBuilder.nodes(4, 20_000, 25_000);
    }

    private static CheckResult check(RunBuilder run) {
        return FailureDetectedCheck.check(run.build(), BOUND);
    }

    @Test
    void passesWhenEveryNodeUpDeclaresTheCrashedNodeDeadWithinTheBound() {
        CheckResult result = check(run().crash(5_000, "n3")
                .dead(5_800, "n1", "n3").dead(6_000, "n2", "n3").dead(6_900, "n4", "n3"));
        assertEquals(Verdict.PASS, result.verdict(), result.summary());
        assertEquals(3, result.evidence().get("pairsJudged"));
        assertEquals(Map.of("count", 3, "minMicros", ms(800), "medianMicros", ms(1_000), "maxMicros", ms(1_900)),
                result.evidence().get("detection"));
        assertTrue(result.summary().contains("min 800ms, median 1s, max 1.9s"), result.summary());
    }

    @Test
    void failsWhenANodeUpNeverDeclaresTheCrashedNodeDead() {
        CheckResult result = check(run().crash(5_000, "n3").dead(5_800, "n1", "n3").dead(6_000, "n2", "n3"));
        assertEquals(Verdict.FAIL, result.verdict());
        assertEquals(1, result.evidence().get("pairsMissed"));
        assertEquals(List.of("n4 never declared n3 dead after its crash at 5s"), result.evidence().get("missed"));
        assertTrue(result.summary().startsWith("1 of 3 (observer, crashed) pairs missed the 2s bound"), result.summary());
    }

    @Test
    void aDeclarationAtTheBoundCountsAndOneLaterIsMeasuredButMissed() {
        assertEquals(Verdict.PASS, check(run().crash(5_000, "n3").allDeclareDead(7_000, "n3")).verdict());

        CheckResult late = check(run().crash(5_000, "n3").allDeclareDead(6_000, "n3", "n4").dead(7_001, "n4", "n3"));
        assertEquals(Verdict.FAIL, late.verdict());
        assertEquals(1, late.evidence().get("pairsDeclaredLate"));
        assertEquals(List.of("n4 declared n3 dead only 2.001s after its crash at 5s"), late.evidence().get("missed"));
        assertEquals(ms(2_001), ((Map<?, ?>) late.evidence().get("detection")).get("maxMicros"));
    }

    @Test
    void aDeclarationAtTheInstantOfTheCrashOrBeforeItIsNoDetection() {
        assertEquals(3, check(run().crash(5_000, "n3").allDeclareDead(5_000, "n3")).evidence().get("pairsMissed"));
        assertEquals(Verdict.FAIL, check(run().allDeclareDead(1_000, "n3").crash(5_000, "n3")).verdict());
    }

    @Test
    void aCrashEndedSoonerThanTheBoundIsNotJudgedButOneEndedAtTheBoundIs() {
        CheckResult shortCrash = check(run().crash(5_000, "n3").restart(6_999, "n3"));
        assertEquals(Verdict.UNKNOWN, shortCrash.verdict());
        assertEquals(1, shortCrash.evidence().get("crashesRestartedSooner"));
        assertTrue(shortCrash.summary().contains("no crash lasted 2s"), shortCrash.summary());

        CheckResult exact = check(run().crash(5_000, "n3").restart(7_000, "n3"));
        assertEquals(Verdict.FAIL, exact.verdict(), "a crash of exactly the bound must be detected");
        assertEquals(1, exact.evidence().get("crashesJudged"));
    }

    @Test
    void aCrashWhoseWindowRunsPastTheEndOfTheRunIsNotJudged() {
        CheckResult past = check(run().crash(23_001, "n3"));
        assertEquals(Verdict.UNKNOWN, past.verdict());
        assertEquals(1, past.evidence().get("crashesPastEnd"));
        assertEquals(Verdict.FAIL, check(run().crash(23_000, "n3")).verdict(), "a window ending at the end is judged");
    }

    @Test
    void nodesThatCrashOrPauseDuringTheWindowOweNoDeclaration() {
        CheckResult result = check(run().crash(5_000, "n3").crash(5_000, "n2")
                .pause(5_500, "n4").resume(6_500, "n4").dead(6_000, "n1", "n3").dead(6_000, "n1", "n2"));
        assertEquals(Verdict.PASS, result.verdict(), result.summary());
        assertEquals(2, result.evidence().get("pairsJudged"));
    }

    @Test
    void eachCrashOfANodeIsJudgedOnItsOwn() {
        CheckResult result = check(run().crash(5_000, "n3").allDeclareDead(6_000, "n3").restart(8_000, "n3")
                .crash(10_000, "n3").dead(11_000, "n1", "n3"));
        assertEquals(Verdict.FAIL, result.verdict());
        assertEquals(2, result.evidence().get("crashesJudged"));
        assertEquals(List.of("n2 never declared n3 dead after its crash at 10s",
                "n4 never declared n3 dead after its crash at 10s"), result.evidence().get("missed"));
    }

    @Test
    void withoutACrashOrWithNotesDroppedTheCheckCannotDecide() {
        assertEquals(Verdict.UNKNOWN, check(run()).verdict());
        CheckResult dropped = FailureDetectedCheck.check(run().crash(5_000, "n3").build(7), BOUND);
        assertEquals(Verdict.UNKNOWN, dropped.verdict());
        assertEquals(7L, dropped.evidence().get("notesDropped"));
    }
}
