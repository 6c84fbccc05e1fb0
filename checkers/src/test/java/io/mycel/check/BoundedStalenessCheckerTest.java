package io.mycel.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.check.Op.Type;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HistoryBuilder advances time by one microsecond per operation record. */
class BoundedStalenessCheckerTest {

    private static List<Object> pair(Object a, Object b) {
        return Arrays.asList(a, b);
    }

    private static HistoryBuilder twoWrites() {
        return new HistoryBuilder()
                .invoke(0, "table-write", pair("t/r", "a"), "n1").complete(0, Type.OK, "table-write", pair("t/r", "a"))
                .invoke(0, "table-write", pair("t/r", "b"), "n1").complete(0, Type.OK, "table-write", pair("t/r", "b"));
        // "b" completes at time 3; the read below begins at time 4.
    }

    @Test
    void anOldValueIsFineWhenItsStatedStalenessCoversTheNewerWrite() {
        History h = twoWrites().invoke(1, "table-read", pair("t/r", null), "n2")
                .complete(1, Type.OK, "table-read", pair("t/r", pair("a", 2L))).build();
        assertEquals(Verdict.PASS, BoundedStalenessChecker.check(h).verdict());
    }

    @Test
    void anOldValueWithTooSmallAStatedStalenessFails() {
        History h = twoWrites().invoke(1, "table-read", pair("t/r", null), "n2")
                .complete(1, Type.OK, "table-read", pair("t/r", pair("a", 0L))).build();
        CheckResult r = BoundedStalenessChecker.check(h);
        assertEquals(Verdict.FAIL, r.verdict());
        assertTrue(r.summary().contains("had replaced it"), r.summary());
    }

    @Test
    void aValueNeverWrittenFailsAndNoStatementPromisesNothingAboutAge() {
        History invented = twoWrites().invoke(1, "table-read", pair("t/r", null), "n2")
                .complete(1, Type.OK, "table-read", pair("t/r", pair("z", 5L))).build();
        assertTrue(BoundedStalenessChecker.check(invented).summary().contains("which no write had begun"));
        History unstated = twoWrites().invoke(1, "table-read", pair("t/r", null), "n2")
                .complete(1, Type.OK, "table-read", pair("t/r", pair("a", null))).build();
        assertEquals(Verdict.PASS, BoundedStalenessChecker.check(unstated).verdict());
    }

    @Test
    void anEmptyRowAfterACompletedWriteNeedsAStalenessReachingBeforeIt() {
        History h = twoWrites().invoke(1, "table-read", pair("t/r", null), "n2")
                .complete(1, Type.OK, "table-read", pair("t/r", pair(null, 1L))).build();
        assertEquals(Verdict.FAIL, BoundedStalenessChecker.check(h).verdict());
        History covered = twoWrites().invoke(1, "table-read", pair("t/r", null), "n2")
                .complete(1, Type.OK, "table-read", pair("t/r", pair(null, 4L))).build();
        assertEquals(Verdict.PASS, BoundedStalenessChecker.check(covered).verdict());
    }
}
