package io.mycel.scenario.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.check.CheckResult;
import io.mycel.check.Verdict;
import org.junit.jupiter.api.Test;

class CriticalAnswersCheckTest {

    /** Two nodes; the run ends at one minute; answers are due within 5 s. */
    private static RunBuilder run() {
        return RunBuilder.nodes(2, 50_000, 60_000);
    }

    private static CheckResult check(RunBuilder run) {
        return CriticalAnswersCheck.check(run.build(), RunBuilder.ms(5_000));
    }

    @Test
    void requestsAnsweredInTimePassWithHowLongTheyTook() {
        CheckResult r = check(run().request(1_000, "@c1", "n1").answer(1_200, "n1", "@c1")
                .request(2_000, "@c1", "n1").request(2_100, "@c2", "n2").answer(2_500, "n2", "@c2").answer(6_900, "n1", "@c1"));
        assertEquals(Verdict.PASS, r.verdict(), r.summary());
        assertEquals(3, r.evidence().get("answered"));
        assertTrue(r.summary().startsWith("all 3 requests answered within 5.0s (median 400ms, max 4.9s"), r.summary());
    }

    @Test
    void anAnswerPastTheBoundOrNeverGivenWhileUpFails() {
        CheckResult late = check(run().request(1_000, "@c1", "n1").answer(7_500, "n1", "@c1"));
        assertEquals(Verdict.FAIL, late.verdict());
        assertTrue(late.summary().contains("n1 answered @c1 6.5s after its request of 1s, past 5.0s"), late.summary());
        CheckResult never = check(run().request(1_000, "@c1", "n1").request(2_000, "@c2", "n1").answer(2_100, "n1", "@c2"));
        assertEquals(Verdict.FAIL, never.verdict());
        assertTrue(never.summary().contains("n1 never answered @c1's request of 1s while up"), never.summary());
    }

    @Test
    void requestsHeldByANodeThatWentDownAreExcusedAndLaterAnswersPairWithLaterRequests() {
        // n1 takes @c1's request, crashes before answering, restarts, takes a retry and answers it at once.
        CheckResult r = check(run().request(1_000, "@c1", "n1").crash(1_500, "n1").restart(3_000, "n1")
                .request(3_100, "@c1", "n1").answer(3_150, "n1", "@c1")
                // and one it got before a crash it never answered, seen only at the end
                .request(10_000, "@c2", "n2").crash(10_500, "n2"));
        assertEquals(Verdict.PASS, r.verdict(), r.summary());
        assertEquals(2, r.evidence().get("excused"));
        assertTrue(r.summary().startsWith("all 1 requests answered within 5.0s (median 50ms"), r.summary());
        CheckResult atTheEnd = check(run().request(58_000, "@c1", "n1").request(1_000, "@c1", "n2").answer(1_010, "n2", "@c1"));
        assertEquals(Verdict.PASS, atTheEnd.verdict(), atTheEnd.summary());
        assertEquals(1, atTheEnd.evidence().get("unjudged"));
    }

    @Test
    void aRunThatKeptNoClientMessagesCannotBeJudged() {
        assertEquals(Verdict.UNKNOWN, CriticalAnswersCheck.check(run().build(), 1).verdict());
    }
}
