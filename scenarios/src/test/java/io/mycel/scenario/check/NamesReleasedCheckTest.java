package io.mycel.scenario.check;

import static io.mycel.scenario.check.RunBuilder.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.check.CheckResult;
import io.mycel.check.Op;
import io.mycel.check.Verdict;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamesReleasedCheckTest {

    private static final long BOUND = ms(2_000);

    /** Three nodes; faults end at 10s and the run at 15s. */
    private static RunBuilder run() {
        return RunBuilder.nodes(3, 10_000, 15_000);
    }

    private static CheckResult check(RunBuilder run) {
        return NamesReleasedCheck.check(run.build(), BOUND);
    }

    private static RunBuilder purge(RunBuilder run, String owner, long invokeMillis, long completeMillis) {
        return run.op(owner.substring(0, owner.indexOf('#')), "purge", owner, invokeMillis, completeMillis, Op.Type.OK, owner);
    }

    private static RunBuilder whereis(RunBuilder run, String name, long atMillis, String holder) {
        return run.op("n1", "whereis", Arrays.asList(name, null), atMillis, atMillis + 5, Op.Type.OK, Arrays.asList(name, holder));
    }

    @Test
    void passesWhenEveryRestartedNodeReleasesWithinTheBoundAndLookupsAfterwardsAreFresh() {
        RunBuilder run = run().crash(3_000, "n2").restart(3_500, "n2");
        purge(run, "n2#2", 3_500, 3_700);
        whereis(run, "svc1", 3_600, "n2#1.4");   // before the release completed: the old holder may still show
        whereis(run, "svc1", 3_800, "n2#2.1");
        CheckResult result = check(run);
        assertEquals(Verdict.PASS, result.verdict(), result.summary());
        assertEquals(1, result.evidence().get("restartsJudged"));
        assertTrue(result.summary().contains("release min 200ms"), result.summary());
    }

    @Test
    void failsWhenARestartedNodeNeverReleasesItsNames() {
        CheckResult result = check(run().crash(3_000, "n2").restart(3_500, "n2"));
        assertEquals(Verdict.FAIL, result.verdict());
        assertEquals(List.of("n2 restarted at 3.5s and never released its lost tasks' names (deadline 12s)"),
                result.evidence().get("cases"));
    }

    @Test
    void failsWhenAReleaseCompletesPastItsDeadlineOrALookupNamesAReleasedLife() {
        RunBuilder late = run().crash(11_000, "n3").restart(11_200, "n3");
        purge(late, "n3#2", 11_200, 13_300);
        assertEquals(Verdict.FAIL, check(late).verdict(), "a restart after the faults has restart + 2s");

        RunBuilder stale = run().crash(3_000, "n2").restart(3_500, "n2");
        purge(stale, "n2#2", 3_500, 3_700);
        whereis(stale, "svc1", 4_000, "n2#1.4");
        CheckResult result = check(stale);
        assertEquals(Verdict.FAIL, result.verdict());
        assertEquals(1, result.evidence().get("staleAnswers"));
        assertTrue(result.summary().contains("whereis svc1 invoked at 4s answered n2#1.4"), result.summary());
    }

    @Test
    void aRestartDuringTheFaultsHasUntilTheirEndPlusTheBoundAndOneTooLateIsNotJudged() {
        RunBuilder during = run().crash(2_000, "n1").restart(2_500, "n1");
        purge(during, "n1#2", 2_500, 11_900);
        assertEquals(Verdict.PASS, check(during).verdict());

        CheckResult unjudged = check(run().crash(13_000, "n1").restart(13_500, "n1"));
        assertEquals(Verdict.UNKNOWN, unjudged.verdict());
        assertEquals(Verdict.UNKNOWN, check(run()).verdict(), "no restart, nothing to judge");
    }
}
