package io.mycel.node.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.TimerId;
import io.mycel.node.testing.FakeContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lightweight tasks: bounded mailboxes, cooperative turns, one-for-one restarts with an intensity limit. */
class TaskHostTest {

    private static final RestartPolicy POLICY = new RestartPolicy(3, 1_000_000, 4, 10);

    /** A task that records what it handles and crashes on the message "crash". */
    private static final class Recorder implements TaskBehaviour {
        final List<Object> handled;
        long version;

        Recorder(List<Object> handled) {
            this.handled = handled;
        }

        @Override
        public void restore(Checkpoint from) {
            version = from.version();
        }

        @Override
        public void handle(NodeContext ctx, Object message) {
            if ("crash".equals(message)) {
                throw new IllegalStateException("asked to crash");
            }
            handled.add(message);
            version++;
        }

        @Override
        public Checkpoint checkpoint() {
            return new Checkpoint(version, new byte[0]);
        }
    }

    private static void runTurns(TaskHost host, FakeContext ctx) {
        while (!ctx.timers.isEmpty()) {
            TimerId turn = ctx.timers.remove(0);
            host.onTimer(ctx, turn);
        }
    }

    @Test
    void aTurnHandlesAtMostABatchOneMessagePerTaskInTurn() {
        List<Object> handled = new ArrayList<>();
        TaskHost host = new TaskHost(POLICY, name -> new Recorder(handled), new TaskHost.Listener() { });
        FakeContext ctx = new FakeContext(NodeId.of("n1"), List.of(NodeId.of("n1")), 1);
        for (int t = 0; t < 4; t++) {
            host.start("t" + t, Checkpoint.EMPTY);
            for (int m = 0; m < 4; m++) {
                assertTrue(host.deliver(ctx, "t" + t, "t" + t + "m" + m));
            }
        }
        assertEquals(1, ctx.timers.size(), "one scheduling turn pending, however much mail");
        host.onTimer(ctx, ctx.timers.remove(0));
        assertEquals(List.of("t0m0", "t1m0", "t2m0", "t3m0", "t0m1", "t1m1", "t2m1", "t3m1", "t0m2", "t1m2"), handled,
                "round robin, ten messages (the batch), then it yields");
        assertEquals(1, ctx.timers.size(), "and sets the next turn");
        runTurns(host, ctx);
        assertEquals(16, handled.size());
    }

    @Test
    void aFullMailboxRefusesAndCounts() {
        TaskHost host = new TaskHost(POLICY, name -> new Recorder(new ArrayList<>()), new TaskHost.Listener() { });
        FakeContext ctx = new FakeContext(NodeId.of("n1"), List.of(NodeId.of("n1")), 1);
        host.start("t", Checkpoint.EMPTY);
        for (int i = 0; i < 4; i++) {
            assertTrue(host.deliver(ctx, "t", i));
        }
        assertFalse(host.deliver(ctx, "t", 5), "the mailbox holds four");
        assertFalse(host.deliver(ctx, "nobody", 1), "no such task");
        assertEquals(2, host.refused());
    }

    @Test
    void aCrashRestartsOnlyThatTaskFromItsLastCheckpointAndTooManyGiveItUp() {
        List<Object> handled = new ArrayList<>();
        List<String> gaveUp = new ArrayList<>();
        List<Long> restartedFrom = new ArrayList<>();
        TaskHost host = new TaskHost(POLICY, name -> new Recorder(handled), new TaskHost.Listener() {
            @Override
            public void restarted(NodeContext c, String name, Checkpoint from) {
                restartedFrom.add(from.version());
            }

            @Override
            public void gaveUp(NodeContext c, String name) {
                gaveUp.add(name);
            }
        });
        FakeContext ctx = new FakeContext(NodeId.of("n1"), List.of(NodeId.of("n1")), 1);
        host.start("a", new Checkpoint(10, new byte[0]));
        host.start("b", Checkpoint.EMPTY);
        host.deliver(ctx, "a", "x");
        host.deliver(ctx, "b", "y");
        runTurns(host, ctx);
        assertEquals(11, host.checkpoint("a").version(), "the checkpoint taken is the one a crash restarts from");
        host.deliver(ctx, "a", "z");
        host.deliver(ctx, "a", "crash");
        host.deliver(ctx, "a", "lost with the crash");
        runTurns(host, ctx);
        assertEquals(List.of(11L), restartedFrom);
        assertEquals(11, host.stop("a").version(), "restarted from 11: the work after the checkpoint is gone");
        host.start("a", Checkpoint.EMPTY);
        for (int i = 0; i < 3; i++) {
            host.deliver(ctx, "a", "crash");
            runTurns(host, ctx);
            ctx.advance(100_000);
        }
        assertTrue(host.runs("a"), "three restarts within the window are allowed");
        host.deliver(ctx, "a", "crash");
        runTurns(host, ctx);
        assertFalse(host.runs("a"), "the fourth within a second gives the task up");
        assertEquals(List.of("a"), gaveUp);
        assertTrue(host.runs("b"), "one-for-one: the other task never noticed");
        assertFalse(handled.contains("lost with the crash"), "a crash loses the mailbox");
    }

    @Test
    void restartsOutsideTheWindowDoNotCount() {
        TaskHost host = new TaskHost(POLICY, name -> new Recorder(new ArrayList<>()), new TaskHost.Listener() { });
        FakeContext ctx = new FakeContext(NodeId.of("n1"), List.of(NodeId.of("n1")), 1);
        host.start("a", Checkpoint.EMPTY);
        for (int i = 0; i < 10; i++) {
            host.deliver(ctx, "a", "crash");
            runTurns(host, ctx);
            ctx.advance(400_000);
        }
        assertTrue(host.runs("a"), "ten crashes, never more than three in a second");
        assertEquals(10, host.restarts());
        assertNull(host.stop("gone"));
    }

    @Test
    void theCounterTaskCountsTicksAndBumpsAndCarriesItsVersionOver() {
        CounterTask task = new CounterTask(0);
        task.restore(new Checkpoint(5, java.nio.ByteBuffer.allocate(8).putLong(40).array()));
        FakeContext ctx = new FakeContext(NodeId.of("n1"), List.of(NodeId.of("n1")), 1);
        task.handle(ctx, new CounterTask.Tick());
        task.handle(ctx, new CounterTask.Bump(2));
        assertEquals(43, task.count());
        assertEquals(7, task.checkpoint().version());
    }
}
