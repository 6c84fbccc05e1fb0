package io.mycel.check.crdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.check.CheckResult;
import io.mycel.check.History;
import io.mycel.check.Op;
import io.mycel.check.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrdtConvergenceCheckerTest {

    /** Builds histories: whole operations, in order, each invoked and completed at once unless split. */
    private static final class Builder {
        final List<Op> ops = new ArrayList<>();
        long process;

        Builder op(String node, String f, Object argument, Op.Type outcome, Object result) {
            long p = process++;
            ops.add(new Op(ops.size(), p, Op.Type.INVOKE, f, argument, ops.size(), node, false));
            ops.add(new Op(ops.size(), p, outcome, f, result, ops.size(), node, false));
            return this;
        }

        Builder update(String node, String f, Object value, Op.Type outcome) {
            return op(node, f, value, outcome, value);
        }

        Builder read(String node, Object value) {
            return op(node, "read", null, Op.Type.OK, value);
        }

        Builder finalRead(String node, Object value) {
            long p = process++;
            ops.add(new Op(ops.size(), p, Op.Type.INVOKE, "read", null, ops.size(), node, true));
            ops.add(new Op(ops.size(), p, value == null ? Op.Type.INFO : Op.Type.OK, "read", value, ops.size(), node, true));
            return this;
        }

        CheckResult check(CrdtType type) {
            return CrdtConvergenceChecker.check(new History(ops), type);
        }
    }

    @Test
    void aCounterBetweenAcknowledgedAndAttemptedTotalsPasses() {
        CheckResult r = new Builder().update("n1", "add", 2L, Op.Type.OK).update("n2", "add", 3L, Op.Type.INFO)
                .read("n1", 2L).read("n2", 5L).finalRead("n1", 5L).finalRead("n2", 5L).check(CrdtType.COUNTER);
        assertEquals(Verdict.PASS, r.verdict(), r.summary());
    }

    @Test
    void aCounterThatLostAnAcknowledgedAddFails() {
        CheckResult r = new Builder().update("n1", "add", 2L, Op.Type.OK).update("n2", "add", 3L, Op.Type.OK)
                .finalRead("n1", 3L).finalRead("n2", 3L).check(CrdtType.COUNTER);
        assertEquals(Verdict.FAIL, r.verdict());
        assertTrue(r.summary().contains("n1, n2: value 3 is below what the acknowledged adds make (5)"), r.summary());
    }

    @Test
    void aCounterReadThatNoSubsetOfVisibleAddsMakesFails() {
        // Adds of 2 and 5 make 0, 2, 5 or 7; a read of 4 is invented even though it lies within bounds.
        CheckResult r = new Builder().update("n1", "add", 2L, Op.Type.OK).update("n1", "add", 5L, Op.Type.OK)
                .read("n2", 4L).finalRead("n1", 7L).check(CrdtType.COUNTER);
        assertEquals(Verdict.FAIL, r.verdict());
        assertTrue(r.summary().contains("1 read during the run not explained by the updates visible then, first read at n2"),
                r.summary());
        assertTrue(r.evidence().get("unexplained-reads").toString().contains("value 4 is no sum of the 2 adds"),
                r.evidence().toString());
    }

    @Test
    void replicasThatDisagreeOrStaySilentFail() {
        CheckResult disagree = new Builder().update("n1", "add", 1L, Op.Type.OK).finalRead("n1", 1L).finalRead("n2", 0L)
                .check(CrdtType.COUNTER);
        assertEquals(Verdict.FAIL, disagree.verdict());
        assertTrue(disagree.summary().contains("replicas disagree"), disagree.summary());
        CheckResult silent = new Builder().finalRead("n1", 0L).finalRead("n2", null).check(CrdtType.COUNTER);
        assertEquals(Verdict.FAIL, silent.verdict());
        assertTrue(silent.summary().contains("did not answer: [n2]"), silent.summary());
        assertEquals(Verdict.UNKNOWN, new Builder().update("n1", "add", 1L, Op.Type.OK).check(CrdtType.COUNTER).verdict());
    }

    @Test
    void aSetMustKeepAcknowledgedAddsAndInventNothing() {
        Builder ok = new Builder().update("n1", "add", 1L, Op.Type.OK).update("n2", "add", 2L, Op.Type.INFO)
                .update("n2", "add", 3L, Op.Type.OK).update("n1", "remove", 3L, Op.Type.OK).read("n2", List.of(1L));
        assertEquals(Verdict.PASS, ok.finalRead("n1", List.of(1L)).finalRead("n2", List.of(1L)).check(CrdtType.SET).verdict());
        CheckResult lost = new Builder().update("n1", "add", 1L, Op.Type.OK).update("n2", "add", 2L, Op.Type.OK)
                .finalRead("n1", List.of(2L)).finalRead("n2", List.of(2L)).check(CrdtType.SET);
        assertTrue(lost.summary().contains("acknowledged adds lost: [1]"), lost.summary());
        CheckResult invented = new Builder().update("n1", "add", 1L, Op.Type.OK)
                .finalRead("n1", List.of(1L, 9L)).finalRead("n2", List.of(9L, 1L)).check(CrdtType.SET);
        assertEquals(Verdict.FAIL, invented.verdict());
        assertTrue(invented.summary().contains("elements nobody added: [9]"), invented.summary());
        assertTrue(!invented.summary().contains("disagree"), "element order does not matter: " + invented.summary());
    }

    @Test
    void anAddAfterEveryRemoveOfItsElementMustSurviveToTheEnd() {
        CheckResult lost = new Builder().update("n1", "add", 1L, Op.Type.OK).update("n2", "remove", 1L, Op.Type.OK)
                .update("n1", "add", 1L, Op.Type.OK)
                .finalRead("n1", List.of()).finalRead("n2", List.of()).check(CrdtType.SET);
        assertEquals(Verdict.FAIL, lost.verdict());
        assertTrue(lost.summary().contains("acknowledged adds lost: [1]"), lost.summary());
        Builder removeUnknown = new Builder().update("n1", "add", 1L, Op.Type.OK).update("n2", "remove", 1L, Op.Type.INFO)
                .update("n1", "add", 1L, Op.Type.OK);
        assertEquals(Verdict.PASS, removeUnknown.finalRead("n1", List.of()).finalRead("n2", List.of()).check(CrdtType.SET).verdict(),
                "a remove of unknown outcome may land after the second add and see it");
    }

    @Test
    void aSetReadMustHoldItsOwnNodesAcknowledgedAdds() {
        CheckResult ownLost = new Builder().update("n1", "add", 1L, Op.Type.OK).read("n1", List.of())
                .finalRead("n1", List.of(1L)).finalRead("n2", List.of(1L)).check(CrdtType.SET);
        assertEquals(Verdict.FAIL, ownLost.verdict());
        assertTrue(ownLost.evidence().toString().contains("read your writes"), ownLost.evidence().toString());
        Builder otherNode = new Builder().update("n1", "add", 1L, Op.Type.OK).read("n2", List.of());
        assertEquals(Verdict.PASS, otherNode.finalRead("n1", List.of(1L)).finalRead("n2", List.of(1L)).check(CrdtType.SET).verdict(),
                "another node may not have heard of the add yet");
        Builder removedSince = new Builder().update("n1", "add", 1L, Op.Type.OK).update("n2", "remove", 1L, Op.Type.OK)
                .read("n1", List.of());
        assertEquals(Verdict.PASS, removedSince.finalRead("n1", List.of()).finalRead("n2", List.of()).check(CrdtType.SET).verdict(),
                "a remove made after the add may have seen it and reached the node");
        CheckResult removedBefore = new Builder().update("n2", "remove", 1L, Op.Type.OK).update("n1", "add", 1L, Op.Type.OK)
                .read("n1", List.of()).finalRead("n1", List.of(1L)).finalRead("n2", List.of(1L)).check(CrdtType.SET);
        assertEquals(Verdict.FAIL, removedBefore.verdict(), "a remove completed before the add cannot have seen it");
    }

    @Test
    void aCounterNeverGoesBackInTimeOnOneNode() {
        Builder back = new Builder().update("n1", "add", 2L, Op.Type.OK).update("n1", "add", 5L, Op.Type.OK)
                .read("n1", 7L).read("n1", 2L);
        CheckResult r = back.finalRead("n1", 7L).finalRead("n2", 7L).check(CrdtType.COUNTER);
        assertEquals(Verdict.FAIL, r.verdict());
        assertTrue(r.summary().contains("went back in time on a node: at n1"), r.summary());
        Builder otherNode = new Builder().update("n1", "add", 2L, Op.Type.OK).update("n1", "add", 5L, Op.Type.OK)
                .read("n1", 7L).read("n2", 2L);
        assertEquals(Verdict.PASS, otherNode.finalRead("n1", 7L).finalRead("n2", 7L).check(CrdtType.COUNTER).verdict(),
                "another node may lag behind");
        Builder subtracting = new Builder().update("n1", "add", 7L, Op.Type.OK).read("n1", 7L)
                .update("n1", "add", -5L, Op.Type.OK).read("n1", 2L);
        assertEquals(Verdict.PASS, subtracting.finalRead("n1", 2L).finalRead("n2", 2L).check(CrdtType.COUNTER).verdict(),
                "a counter that subtracts may go down");
    }

    @Test
    void aRegisterMustHoldAWrittenValue() {
        assertEquals(Verdict.PASS, new Builder().update("n1", "write", 4L, Op.Type.OK).update("n2", "write", 5L, Op.Type.INFO)
                .read("n1", 4L).finalRead("n1", 5L).finalRead("n2", 5L).check(CrdtType.REGISTER).verdict());
        CheckResult invented = new Builder().update("n1", "write", 4L, Op.Type.OK).read("n2", 6L)
                .finalRead("n1", 4L).check(CrdtType.REGISTER);
        assertTrue(invented.summary().contains("1 read during the run"), invented.summary());
        CheckResult lost = new Builder().update("n1", "write", 4L, Op.Type.OK).finalRead("n1", null)
                .finalRead("n2", null).check(CrdtType.REGISTER);
        assertEquals(Verdict.FAIL, lost.verdict());
    }

    @Test
    void subsetSumsAreExactForSmallDeltasAndBoundedOtherwise() {
        assertTrue(SubsetSums.reachable(List.of(1L, 1L, 3L), 5));
        assertTrue(!SubsetSums.reachable(List.of(2L, 5L), 4));
        assertTrue(SubsetSums.reachable(List.of(2L, 5L), 7));
        assertTrue(!SubsetSums.reachable(List.of(2L, 5L), 8));
        assertTrue(SubsetSums.reachable(List.of(-2L, 5L), 3));
        assertTrue(!SubsetSums.reachable(List.of(-2L, 5L), 6));
    }
}
