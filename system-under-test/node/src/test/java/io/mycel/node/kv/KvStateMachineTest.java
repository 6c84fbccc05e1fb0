package io.mycel.node.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.NodeId;
import org.junit.jupiter.api.Test;

class KvStateMachineTest {

    private static final NodeId C1 = NodeId.of("c1");
    private static final NodeId C2 = NodeId.of("c2");

    @Test
    void aRetriedWriteAppliesOnceAndGetsTheFirstResultAgain() {
        KvStateMachine m = new KvStateMachine(true);
        assertEquals(new KvResult(true, null), m.apply(1, 1, command(C1, 5, KvOp.put("k", "1"))));
        m.apply(2, 1, command(C2, 1, KvOp.put("k", "2")));
        // The same request reached the log again (retried after a leader change): no effect.
        assertEquals(new KvResult(true, null), m.apply(3, 1, command(C1, 5, KvOp.put("k", "1"))));
        assertEquals("2", m.read("k").value());
        // An older request is stale: ignored, and no answer is due.
        assertNull(m.apply(4, 1, command(C1, 4, KvOp.delete("k"))));
        assertEquals("2", m.read("k").value());
    }

    @Test
    void casWritesOnlyOverTheExpectedValueAndAbsentMatchesNull() {
        KvStateMachine m = new KvStateMachine(true);
        assertEquals(false, m.apply(1, 1, command(C1, 1, KvOp.cas("k", "1", "2"))).ok());
        assertEquals(true, m.apply(2, 1, command(C1, 2, KvOp.cas("k", null, "2"))).ok());
        assertEquals(new KvResult(false, "2"), m.apply(3, 1, command(C1, 3, KvOp.cas("k", "1", "3"))));
        assertEquals(true, m.apply(4, 1, command(C1, 4, KvOp.cas("k", "2", "3"))).ok());
        assertEquals("3", m.read("k").value());
    }

    @Test
    void aSnapshotCarriesDataAndSessions() throws MalformedMessageException {
        KvStateMachine m = new KvStateMachine(true);
        m.apply(1, 1, command(C1, 7, KvOp.put("a", "x")));
        m.apply(2, 1, command(C2, 3, KvOp.put("b", "y")));
        KvStateMachine copy = new KvStateMachine(true);
        copy.restore(m.snapshot());
        assertEquals(m.data(), copy.data());
        // The session came along: the retry of request 7 does not apply again.
        copy.apply(3, 1, command(C2, 4, KvOp.put("a", "z")));
        copy.apply(4, 1, command(C1, 7, KvOp.put("a", "x")));
        assertEquals("z", copy.read("a").value());
    }

    @Test
    void aMalformedSnapshotIsRefusedAndChangesNothing() {
        KvStateMachine m = new KvStateMachine(true);
        m.apply(1, 1, command(C1, 1, KvOp.put("a", "x")));
        byte[] snapshot = m.snapshot();
        byte[] truncated = java.util.Arrays.copyOf(snapshot, snapshot.length - 2);
        assertThrows(MalformedMessageException.class, () -> m.restore(truncated));
        assertEquals("x", m.read("a").value());
    }

    @Test
    void sessionsAreBoundedAndForgetTheLeastRecentWriter() {
        KvStateMachine m = new KvStateMachine(true);
        for (int i = 0; i <= KvStateMachine.MAX_SESSIONS; i++) {
            m.apply(i + 1, 1, command(NodeId.of("c" + i), 1, KvOp.put("k", "v" + i)));
        }
        // c0 was forgotten: its retry now applies again (the documented cost of the bound).
        m.apply(10_000, 1, command(NodeId.of("c0"), 1, KvOp.put("k", "again")));
        assertEquals("again", m.read("k").value());
        // c0 coming back pushed out the next least recent, c1; c5 is still known: its retry does not apply.
        m.apply(10_001, 1, command(NodeId.of("c5"), 1, KvOp.put("k", "v5")));
        assertEquals("again", m.read("k").value());
    }

    @Test
    void aLockIsGrantedWhenFreeOrItsLeaseRanOutWithTokensThatGrow() {
        KvStateMachine m = new KvStateMachine(true);
        KvResult first = m.apply(10, 1, new KvCommand(C1, 1, KvOp.acquire("l", 100), 1_000));
        assertEquals(new KvResult(true, "10"), first);
        assertEquals(false, m.apply(11, 1, new KvCommand(C2, 1, KvOp.acquire("l", 100), 1_050)).ok(), "held, lease running");
        // A new leader whose clock reads behind: time stands still across the change, then runs on its clock.
        assertEquals(false, m.apply(12, 2, new KvCommand(C2, 2, KvOp.acquire("l", 100), 900)).ok());
        assertEquals(new KvResult(true, "13"), m.apply(13, 2, new KvCommand(C2, 3, KvOp.acquire("l", 100), 960)));
        assertEquals(false, m.apply(14, 2, new KvCommand(C1, 2, KvOp.release("l", 10), 970)).ok(), "not the holder's token");
        assertEquals(true, m.apply(15, 2, new KvCommand(C2, 4, KvOp.release("l", 13), 980)).ok());
    }

    @Test
    void aLeaderWhoseClockRunsAheadCannotCutALeaseShort() {
        KvStateMachine m = new KvStateMachine(true);
        m.apply(1, 1, new KvCommand(C1, 1, KvOp.acquire("l", 100), 1_000));
        // The next leader's clock is a whole second ahead: its first stamp moves nothing.
        assertEquals(false, m.apply(2, 2, new KvCommand(C2, 1, KvOp.acquire("l", 100), 1_001_000)).ok());
        assertEquals(false, m.apply(3, 2, new KvCommand(C2, 2, KvOp.acquire("l", 100), 1_001_090)).ok());
        assertEquals(true, m.apply(4, 2, new KvCommand(C2, 3, KvOp.acquire("l", 100), 1_001_101)).ok());
    }

    @Test
    void theResourceTakesFencedWritesInTokenOrderOnly() {
        KvStateMachine m = new KvStateMachine(true);
        assertEquals(true, m.apply(1, 1, new KvCommand(C1, 1, KvOp.fencedPut("r", "a", 9), 0)).ok());
        assertEquals(false, m.apply(2, 1, new KvCommand(C2, 1, KvOp.fencedPut("r", "b", 5), 0)).ok(), "stale token");
        assertEquals(false, m.apply(3, 1, new KvCommand(C2, 2, KvOp.fencedPut("r", "b", 0), 0)).ok(), "no token");
        assertEquals(true, m.apply(4, 1, new KvCommand(C1, 2, KvOp.fencedPut("r", "c", 9), 0)).ok(), "same token again");
        assertEquals("c", m.read("r").value());
        KvStateMachine unfenced = new KvStateMachine(false);
        unfenced.apply(1, 1, new KvCommand(C1, 1, KvOp.fencedPut("r", "a", 9), 0));
        assertEquals(true, unfenced.apply(2, 1, new KvCommand(C2, 1, KvOp.fencedPut("r", "b", 5), 0)).ok(), "the planted bug");
    }

    @Test
    void locksAndFencesSurviveASnapshot() throws MalformedMessageException {
        KvStateMachine m = new KvStateMachine(true);
        m.apply(10, 1, new KvCommand(C1, 1, KvOp.acquire("l", 100), 1_000));
        m.apply(11, 1, new KvCommand(C1, 2, KvOp.fencedPut("r", "a", 10), 1_010));
        KvStateMachine copy = new KvStateMachine(true);
        copy.restore(m.snapshot());
        assertEquals(false, copy.apply(12, 1, new KvCommand(C2, 1, KvOp.acquire("l", 100), 1_020)).ok());
        assertEquals(false, copy.apply(13, 1, new KvCommand(C2, 2, KvOp.fencedPut("r", "b", 3), 1_030)).ok());
    }

    /** A command as a leader with its clock at 0 would stamp it (time matters only to locks). */
    private static KvCommand command(NodeId client, long requestId, KvOp op) {
        return new KvCommand(client, requestId, op, 0);
    }
}
