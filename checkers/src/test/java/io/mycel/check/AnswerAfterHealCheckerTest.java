package io.mycel.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mycel.check.Op.Type;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerAfterHealCheckerTest {

    @Test
    void differentAnswersPassWhenEveryNodeAnswers() {
        History h = new HistoryBuilder()
                .invokeFinal(0, "n1").complete(0, Type.OK, "read", 7L)
                .invokeFinal(1, "n2").complete(1, Type.OK, "read", 6L)
                .build();
        CheckResult r = AnswerAfterHealChecker.check(h);
        assertEquals(Verdict.PASS, r.verdict());
        assertEquals(Map.of("n1", 1L, "n2", 1L), r.evidence().get("answered_in_micros"));
    }

    @Test
    void aRetryThatIsAnsweredCountsAndItsWaitIsMeasuredFromTheFirstAttempt() {
        History h = new HistoryBuilder()
                .invokeFinal(0, "n1").complete(0, Type.INFO, "read", null)
                .invokeFinal(1, "n1").complete(1, Type.OK, "read", 7L)
                .build();
        CheckResult r = AnswerAfterHealChecker.check(h);
        assertEquals(Verdict.PASS, r.verdict());
        assertEquals(3L, r.evidence().get("slowest_micros"));
    }

    @Test
    void aNodeThatNeverAnswersFails() {
        History h = new HistoryBuilder()
                .invokeFinal(0, "n1").complete(0, Type.OK, "read", 7L)
                .invokeFinal(1, "n2").complete(1, Type.INFO, "read", null)
                .build();
        CheckResult r = AnswerAfterHealChecker.check(h);
        assertEquals(Verdict.FAIL, r.verdict());
        assertEquals("1 of 2 nodes never answered their final read: [n2]", r.summary());
    }

    @Test
    void noFinalReadsIsUnknown() {
        History none = new HistoryBuilder().invoke(0, "read", null, "n1").complete(0, Type.OK, "read", 1L).build();
        assertEquals(Verdict.UNKNOWN, AnswerAfterHealChecker.check(none).verdict());
    }
}
