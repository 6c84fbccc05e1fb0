package io.mycel.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.check.Op.Type;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FencedLockCheckerTest {

    private static List<Object> pair(Object a, Object b) {
        return Arrays.asList(a, b);
    }

    private static List<Object> write(String lock, long token, String value) {
        return pair(lock, pair(token, value));
    }

    @Test
    void aStaleHolderFencedOffAfterTheNextHolderWrotePasses() {
        History h = new HistoryBuilder()
                .invoke(0, "acquire", pair("l1", null), "n1").complete(0, Type.OK, "acquire", pair("l1", 5L))
                .invoke(1, "acquire", pair("l1", null), "n2").complete(1, Type.OK, "acquire", pair("l1", 9L))
                .invoke(1, "write", write("l1", 9, "b"), "n2").complete(1, Type.OK, "write", write("l1", 9, "b"))
                .invoke(0, "write", write("l1", 5, "a"), "n1").complete(0, Type.FAIL, "write", write("l1", 5, "a"))
                .build();
        CheckResult r = FencedLockChecker.check(h);
        assertEquals(Verdict.PASS, r.verdict(), r.summary());
        assertEquals(1L, r.evidence().get("rejected_stale_writes"));
    }

    @Test
    void aStaleWriteTakenAfterANewerOneFails() {
        History h = new HistoryBuilder()
                .invoke(0, "acquire", pair("l1", null), "n1").complete(0, Type.OK, "acquire", pair("l1", 5L))
                .invoke(1, "acquire", pair("l1", null), "n2").complete(1, Type.OK, "acquire", pair("l1", 9L))
                .invoke(1, "write", write("l1", 9, "b"), "n2").complete(1, Type.OK, "write", write("l1", 9, "b"))
                .invoke(0, "write", write("l1", 5, "a"), "n1").complete(0, Type.OK, "write", write("l1", 5, "a"))
                .build();
        CheckResult r = FencedLockChecker.check(h);
        assertEquals(Verdict.FAIL, r.verdict());
        assertTrue(r.summary().contains("accepted with token 5 after a write with token 9"), r.summary());
    }

    @Test
    void tokensMustGrowInRealTimeAndBeGrantedOnce() {
        History backwards = new HistoryBuilder()
                .invoke(0, "acquire", pair("l1", null), "n1").complete(0, Type.OK, "acquire", pair("l1", 9L))
                .invoke(1, "acquire", pair("l1", null), "n2").complete(1, Type.OK, "acquire", pair("l1", 5L))
                .build();
        assertEquals(Verdict.FAIL, FencedLockChecker.check(backwards).verdict());
        History twice = new HistoryBuilder()
                .invoke(0, "acquire", pair("l1", null), "n1")
                .invoke(1, "acquire", pair("l1", null), "n2")
                .complete(0, Type.OK, "acquire", pair("l1", 9L))
                .complete(1, Type.OK, "acquire", pair("l1", 9L))
                .build();
        assertTrue(FencedLockChecker.check(twice).summary().contains("granted twice"));
    }

    @Test
    void aWriteWithATokenNeverGrantedOrWithoutOneFails() {
        History invented = new HistoryBuilder()
                .invoke(0, "write", write("l1", 7, "a"), "n1").complete(0, Type.OK, "write", write("l1", 7, "a"))
                .build();
        assertTrue(FencedLockChecker.check(invented).summary().contains("which no acquire was granted"));
        History none = new HistoryBuilder()
                .invoke(0, "write", write("l1", 0, "a"), "n1").complete(0, Type.OK, "write", write("l1", 0, "a"))
                .build();
        assertTrue(FencedLockChecker.check(none).summary().contains("without holding the lock"));
    }

    @Test
    void locksAreJudgedApart() {
        History h = new HistoryBuilder()
                .invoke(0, "acquire", pair("l1", null), "n1").complete(0, Type.OK, "acquire", pair("l1", 9L))
                .invoke(0, "write", write("l1", 9, "a"), "n1").complete(0, Type.OK, "write", write("l1", 9, "a"))
                .invoke(1, "acquire", pair("l2", null), "n2").complete(1, Type.OK, "acquire", pair("l2", 4L))
                .invoke(1, "write", write("l2", 4, "b"), "n2").complete(1, Type.OK, "write", write("l2", 4, "b"))
                .build();
        assertEquals(Verdict.PASS, FencedLockChecker.check(h).verdict());
    }
}
