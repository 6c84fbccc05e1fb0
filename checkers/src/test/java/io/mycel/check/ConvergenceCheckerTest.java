package io.mycel.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mycel.check.Op.Type;
import org.junit.jupiter.api.Test;

class ConvergenceCheckerTest {

    @Test
    void equalAnswersPass() {
        History h = new HistoryBuilder()
                .invokeFinal(0, "n1").complete(0, Type.OK, "read", 7L)
                .invokeFinal(1, "n2").complete(1, Type.OK, "read", 7L)
                .build();
        assertEquals(Verdict.PASS, ConvergenceChecker.check(h).verdict());
    }

    @Test
    void differentAnswersOrSilenceFail() {
        History differ = new HistoryBuilder()
                .invokeFinal(0, "n1").complete(0, Type.OK, "read", 7L)
                .invokeFinal(1, "n2").complete(1, Type.OK, "read", 6L)
                .build();
        assertEquals(Verdict.FAIL, ConvergenceChecker.check(differ).verdict());
        History silent = new HistoryBuilder()
                .invokeFinal(0, "n1").complete(0, Type.OK, "read", 7L)
                .invokeFinal(1, "n2").complete(1, Type.INFO, "read", null)
                .build();
        assertEquals(Verdict.FAIL, ConvergenceChecker.check(silent).verdict());
    }

    @Test
    void noFinalReadsIsUnknown() {
        History none = new HistoryBuilder().invoke(0, "read", null, "n1").complete(0, Type.OK, "read", 1L).build();
        assertEquals(Verdict.UNKNOWN, ConvergenceChecker.check(none).verdict());
    }
}
