package io.mycel.scenario.check;

import static io.mycel.scenario.check.RunBuilder.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.check.CheckResult;
import io.mycel.check.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class BroadcastReachCheckTest {

    private static final long BOUND = ms(1_000);

    /** Four nodes; the safety phase ends at 20s and the run at 25s. */
    private static RunBuilder run() {
        return RunBuilder.nodes(4, 20_000, 25_000);
    }

    private static RunBuilder send(RunBuilder run, long atMillis, String node, String id) {
        return run.note(atMillis, node, "bcast-send", id);
    }

    private static RunBuilder deliver(RunBuilder run, long atMillis, String node, String id) {
        return run.note(atMillis, node, "bcast-deliver", id);
    }

    /** n1 broadcasts b1 at 2s; n2, n3 and n4 deliver it 10, 30 and 50ms later. */
    private static RunBuilder reached() {
        RunBuilder run = send(run(), 2_000, "n1", "b1");
        deliver(run, 2_010, "n2", "b1");
        deliver(run, 2_030, "n3", "b1");
        return deliver(run, 2_050, "n4", "b1");
    }

    private static CheckResult check(RunBuilder run) {
        return BroadcastReachCheck.check(run.build(), BOUND);
    }

    @Test
    void passesWhenEveryOtherNodeDeliversWithinTheBound() {
        CheckResult result = check(reached());
        assertEquals(Verdict.PASS, result.verdict(), result.summary());
        assertEquals(3, result.evidence().get("deliveriesExpected"));
        assertTrue(result.summary().endsWith("latency median 30ms, max 50ms"), result.summary());
    }

    @Test
    void failsWhenANodeUpNeverDelivers() {
        RunBuilder run = send(run(), 2_000, "n1", "b1");
        deliver(run, 2_010, "n2", "b1");
        deliver(run, 2_030, "n3", "b1");
        deliver(run, 2_040, "n4", "b0");   // another broadcast: no delivery of b1
        CheckResult result = check(run);
        assertEquals(Verdict.FAIL, result.verdict());
        assertEquals(1, result.evidence().get("deliveriesMissed"));
        assertEquals(1, result.evidence().get("broadcastsMissed"));
        assertEquals(List.of("n4 never delivered b1 sent by n1 at 2s"), result.evidence().get("missed"));
    }

    @Test
    void aDeliveryAtTheBoundCountsAndOneLaterIsMissed() {
        assertEquals(Verdict.PASS, check(deliver(send(run(), 2_000, "n1", "b1"), 2_000, "n2", "b1")
                .note(3_000, "n3", "bcast-deliver", "b1").note(2_500, "n4", "bcast-deliver", "b1")).verdict());
        RunBuilder late = deliver(send(run(), 2_000, "n1", "b1"), 2_000, "n2", "b1");
        deliver(late, 3_001, "n3", "b1");
        deliver(late, 2_500, "n4", "b1");
        CheckResult result = check(late);
        assertEquals(Verdict.FAIL, result.verdict());
        assertEquals(List.of("n3 delivered b1 sent by n1 at 2s only 1.001s later"), result.evidence().get("missed"));
    }

    @Test
    void aDeliveryBeforeTheSendDoesNotCount() {
        RunBuilder run = reached();
        deliver(send(run, 5_000, "n2", "b2"), 4_000, "n1", "b2");
        deliver(run, 5_100, "n3", "b2");
        deliver(run, 5_100, "n4", "b2");
        assertEquals(List.of("n1 never delivered b2 sent by n2 at 5s"), check(run).evidence().get("missed"));
    }

    @Test
    void broadcastsWhoseWindowSawAPartitionOrCutAreSkippedAndCounted() {
        CheckResult partitioned = check(send(run().partition(2_500, List.of("n4")).heal(2_600), 2_000, "n1", "b1"));
        assertEquals(Verdict.UNKNOWN, partitioned.verdict());
        assertEquals(1, partitioned.evidence().get("skippedNetworkFault"));

        RunBuilder run = reached().cut(5_000, "n1", "n2");
        send(run, 6_000, "n1", "b2");
        CheckResult result = check(run);
        assertEquals(Verdict.PASS, result.verdict(), result.summary());
        assertEquals(1, result.evidence().get("judged"));
        assertEquals(1, result.evidence().get("skippedNetworkFault"));
    }

    @Test
    void aBroadcastWhoseWindowRunsPastTheEndIsNotJudged() {
        CheckResult past = check(send(run(), 24_001, "n1", "b1"));
        assertEquals(Verdict.UNKNOWN, past.verdict());
        assertEquals(1, past.evidence().get("pastEnd"));
        assertEquals(Verdict.FAIL, check(send(run(), 24_000, "n1", "b1")).verdict(), "a window ending at the end is judged");
    }

    @Test
    void nodesThatCrashOrPauseInTheWindowOweNoDelivery() {
        RunBuilder run = send(run().crash(2_500, "n3").pause(2_200, "n4").resume(2_300, "n4"), 2_000, "n1", "b1");
        CheckResult result = check(deliver(run, 2_010, "n2", "b1"));
        assertEquals(Verdict.PASS, result.verdict(), result.summary());
        assertEquals(1, result.evidence().get("deliveriesExpected"));
    }

    @Test
    void withoutABroadcastOrWithNotesDroppedTheCheckCannotDecide() {
        assertEquals(Verdict.UNKNOWN, check(run()).verdict());
        assertEquals(Verdict.UNKNOWN, BroadcastReachCheck.check(reached().build(1), BOUND).verdict());
    }

    @Test
    void aNodeRestartedLessThanABoundBeforeTheSendOwesNothingYet() {
        // n3 comes back 500ms before the send: the sender's membership may not know it yet.
        RunBuilder fresh = send(run().crash(1_000, "n3").restart(1_500, "n3"), 2_000, "n1", "b1");
        CheckResult result = check(deliver(fresh, 2_010, "n2", "b1"));
        assertEquals(Verdict.FAIL, result.verdict(), "n4 was up all along and never delivered");
        assertEquals(2, result.evidence().get("deliveriesExpected"));
        RunBuilder settled = send(run().crash(500, "n3").restart(900, "n3"), 2_000, "n1", "b1");
        assertEquals(3, check(settled).evidence().get("deliveriesExpected"), "n3 was up a whole bound before");
    }

    @Test
    void aBroadcastLostWithItsSenderIsOwedOnlyIfSomeNodeGotIt() {
        RunBuilder lost = send(run().crash(2_100, "n1"), 2_000, "n1", "b1");
        CheckResult none = check(lost);
        assertEquals(Verdict.UNKNOWN, none.verdict(), none.summary());
        assertEquals(1, none.evidence().get("senderDownBeforeAnyDelivery"));
        RunBuilder partly = deliver(send(run().crash(2_100, "n1"), 2_000, "n1", "b1"), 2_050, "n2", "b1");
        CheckResult agreement = check(partly);
        assertEquals(Verdict.FAIL, agreement.verdict(), "n2 got it, so n3 and n4 are owed it too");
        assertEquals(2, agreement.evidence().get("deliveriesMissed"));
    }
}
