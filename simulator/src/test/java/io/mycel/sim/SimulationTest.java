package io.mycel.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.sim.TestMessages.Num;
import io.mycel.sim.TestMessages.Scripted;
import io.mycel.sim.TestMessages.Seen;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimulationTest {

    private static final NodeId A = NodeId.of("a");
    private static final NodeId B = NodeId.of("b");
    private static final NodeId C = NodeId.of("c");
    private static final LinkModel ONE_MS = LinkModel.reliable(new LatencyDistribution.Constant(1_000));

    /** Three nodes a, b, c; {@code script} runs in every node's onStart. */
    private static Simulation sim(long seed, LinkModel link, List<Seen> log, BiConsumer<NodeContext, Scripted> script,
                                  TraceSink trace, MessageCodec codecOfC) {
        Simulation[] holder = new Simulation[1];
        SimulationBuilder b = Simulation.builder(seed, link).trace(trace);
        b.node(A, () -> new Scripted(log, holder, script), TestMessages.CODEC);
        b.node(B, () -> new Scripted(log, holder, script), TestMessages.CODEC);
        b.node(C, () -> new Scripted(log, holder, script), codecOfC);
        holder[0] = b.build();
        return holder[0];
    }

    private static Simulation sim(long seed, LinkModel link, List<Seen> log, BiConsumer<NodeContext, Scripted> script) {
        return sim(seed, link, log, script, TraceSink.NONE, TestMessages.CODEC);
    }

    /** Node a sends {@code count} numbered messages to b, one every millisecond from t=0. */
    private static BiConsumer<NodeContext, Scripted> aSendsToB(int count) {
        return (ctx, self) -> {
            if (ctx.self().equals(A)) {
                for (int i = 0; i < count; i++) {
                    final long value = i;
                    self.sim[0].at(i * 1_000L, () -> {
                        if (self.sim[0].status(A) == NodeStatus.UP) {
                            ctx.send(B, new Num(value));
                        }
                    });
                }
            }
        };
    }

    private static List<Long> received(List<Seen> log, NodeId node) {
        return log.stream().filter(s -> s.node().equals(node) && s.what().startsWith("msg"))
                .map(Seen::value).collect(Collectors.toList());
    }

    private static String traceHash(long seed, LinkModel link) {
        JsonTraceWriter trace = JsonTraceWriter.hashOnly();
        List<Seen> log = TestMessages.newLog();
        Simulation s = sim(seed, link, log, aSendsToB(200), trace, TestMessages.CODEC);
        s.runUntil(1_000_000);
        trace.close();
        return trace.sha256();
    }

    @Test
    void sameSeedGivesTheSameTraceAndDifferentSeedsDiffer() {
        LinkModel noisy = new LinkModel(new LatencyDistribution.LogNormal(2_000, 20_000), 0.1, 0.05, 0.2);
        assertEquals(traceHash(7, noisy), traceHash(7, noisy));
        assertNotEquals(traceHash(7, noisy), traceHash(8, noisy));
    }

    @Test
    void aSleepingNodeLosesWhatIsSentToItAndRunsItsTimersWhenItWakes() {
        List<Seen> log = TestMessages.newLog();
        BiConsumer<NodeContext, Scripted> script = (ctx, self) -> {
            aSendsToB(20).accept(ctx, self);
            if (ctx.self().equals(B)) {
                ctx.setTimer("t", 5_000);
                ctx.sleep(10_000);
            }
        };
        Simulation s = sim(1, ONE_MS, log, script);
        s.runUntil(100_000);
        List<String> seenByB = log.stream().filter(x -> x.node().equals(B)).map(x -> x.what() + "@" + x.virtualMicros()).toList();
        // Messages sent at 0..8 ms arrive at 1..9 ms, while b sleeps: lost. At 10 ms it wakes, then the
        // timer due at 5 ms fires, then the message arriving at 10 ms.
        assertEquals(List.of("wake@10000", "timer t@10000", "msg from a@10000"), seenByB.subList(0, 3));
        assertEquals(List.of(9L, 10L, 11L), received(log, B).subList(0, 3));
        assertEquals(11, received(log, B).size());
        assertEquals(9L, s.stats().dropped().get("asleep"));
        assertEquals(NodeStatus.UP, s.status(B));
    }

    @Test
    void aRunWhoseVirtualTimeStandsStillEndsWithAnError() {
        Simulation s = sim(1, ONE_MS, TestMessages.newLog(), (ctx, self) -> { });
        Runnable again = new Runnable() {
            @Override
            public void run() {
                s.at(s.now(), this);   // a loop with no delay: time never moves on
            }
        };
        s.at(5_000, again);
        SimulationException e = assertThrows(SimulationException.class, () -> s.runUntil(1_000_000));
        assertTrue(e.getMessage().startsWith("virtual time stuck at 5000us for "), e.getMessage());
    }

    @Test
    void lossRateMatchesTheLinkModel() {
        List<Seen> log = TestMessages.newLog();
        Simulation s = sim(3, ONE_MS.withLoss(0.3), log, aSendsToB(20_000));
        s.runUntil(30_000_000);
        double lost = 1.0 - received(log, B).size() / 20_000.0;
        assertEquals(0.3, lost, 0.02);
        assertEquals(s.stats().dropped().get("loss"), 20_000 - received(log, B).size());
    }

    @Test
    void everyMessageIsDeliveredTwiceWhenDuplicationIsCertain() {
        List<Seen> log = TestMessages.newLog();
        Simulation s = sim(3, new LinkModel(new LatencyDistribution.Uniform(1_000, 5_000), 0, 1.0, 1.0), log, aSendsToB(100));
        s.runUntil(1_000_000);
        assertEquals(200, received(log, B).size());
        assertEquals(100, s.stats().duplicated());
    }

    @Test
    void fifoLinksKeepOrderAndReorderingLinksDoNot() {
        LatencyDistribution jittery = new LatencyDistribution.Uniform(0, 20_000);
        List<Seen> fifo = TestMessages.newLog();
        sim(5, new LinkModel(jittery, 0, 0, 0), fifo, aSendsToB(500)).runUntil(2_000_000);
        List<Long> fifoOrder = received(fifo, B);
        assertEquals(500, fifoOrder.size());
        assertEquals(fifoOrder.stream().sorted().collect(Collectors.toList()), fifoOrder);

        List<Seen> free = TestMessages.newLog();
        sim(5, new LinkModel(jittery, 0, 0, 1.0), free, aSendsToB(500)).runUntil(2_000_000);
        List<Long> freeOrder = received(free, B);
        assertEquals(500, freeOrder.size());
        assertNotEquals(freeOrder.stream().sorted().collect(Collectors.toList()), freeOrder);
    }

    @Test
    void partitionStopsMessagesSentAcrossItAndThoseAlreadyInFlight() {
        List<Seen> log = TestMessages.newLog();
        // 5 ms latency: messages sent in [5ms, 10ms) are in flight when the partition starts at 10ms.
        Simulation s = sim(1, LinkModel.reliable(new LatencyDistribution.Constant(5_000)), log, aSendsToB(30));
        s.at(10_000, () -> s.partition(List.of(List.of(A), List.of(B, C))));
        s.at(20_000, s::heal);
        s.runUntil(100_000);
        List<Long> got = received(log, B);
        // Sent at 0..4ms arrive by 9ms; sent at 5..19ms are cut (in flight or at send); 20..29 arrive.
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 20L, 21L, 22L, 23L, 24L, 25L, 26L, 27L, 28L, 29L), got);
        assertEquals(15L, s.stats().dropped().get("partition"));
    }

    @Test
    void oneWayCutBlocksOnlyItsDirection() {
        List<Seen> log = TestMessages.newLog();
        Simulation s = sim(1, ONE_MS, log, (ctx, self) -> {
            NodeId other = ctx.self().equals(A) ? B : A;
            if (!ctx.self().equals(C)) {
                self.sim[0].at(5_000, () -> ctx.send(other, new Num(1)));
            }
        });
        s.at(0, () -> s.cut(List.of(A), List.of(B)));
        s.runUntil(50_000);
        assertEquals(List.of(), received(log, B));
        assertEquals(List.of(1L), received(log, A));
    }

    @Test
    void crashLosesUnsyncedWritesAndTimersAndRestartSeesOnlySyncedState() {
        List<Seen> log = TestMessages.newLog();
        byte[][] seenAtRestart = new byte[2][];
        Simulation s = sim(1, ONE_MS, log, (ctx, self) -> {
            if (!ctx.self().equals(A)) {
                return;
            }
            if (ctx.storage().get("synced") == null) {
                ctx.storage().put("synced", new byte[] {1});
                ctx.storage().sync();
                ctx.storage().put("unsynced", new byte[] {2});
                ctx.setTimer("after-crash", 50_000);
            } else {
                seenAtRestart[0] = ctx.storage().get("synced");
                seenAtRestart[1] = ctx.storage().get("unsynced");
            }
        });
        s.at(10_000, () -> s.crash(A));
        s.at(20_000, () -> s.restart(A));
        s.runUntil(200_000);
        assertArrayEquals(new byte[] {1}, seenAtRestart[0]);
        assertNull(seenAtRestart[1]);
        assertTrue(log.stream().noneMatch(x -> x.what().equals("timer after-crash")), "a dead incarnation's timer fired");
    }

    @Test
    void messagesToADownNodeAreDropped() {
        List<Seen> log = TestMessages.newLog();
        Simulation s = sim(1, ONE_MS, log, aSendsToB(10));
        s.at(0, () -> s.crash(B));
        s.runUntil(100_000);
        assertEquals(List.of(), received(log, B));
        assertEquals(10L, s.stats().dropped().get("down"));
    }

    @Test
    void pausedNodeRunsWhatWaitedInOrderWhenResumed() {
        List<Seen> log = TestMessages.newLog();
        Simulation s = sim(1, ONE_MS, log, (ctx, self) -> {
            if (ctx.self().equals(B)) {
                ctx.setTimer("t", 5_000);
            }
            aSendsToB(10).accept(ctx, self);
        });
        s.at(500, () -> s.pause(B));
        s.at(50_000, () -> s.resume(B));
        s.runUntil(100_000);
        List<Seen> atB = log.stream().filter(x -> x.node().equals(B)).collect(Collectors.toList());
        assertEquals(11, atB.size());
        assertTrue(atB.stream().allMatch(x -> x.virtualMicros() == 50_000), "everything ran at resume");
        // Arrival order: messages 0..4 (arrive 1..5ms; the timer fires at 5ms after message 4 arrived), then the rest.
        List<String> order = atB.stream().map(x -> x.what().startsWith("msg") ? "m" + x.value() : "timer").collect(Collectors.toList());
        assertEquals(List.of("m0", "m1", "m2", "m3", "timer", "m4", "m5", "m6", "m7", "m8", "m9"), order);
    }

    @Test
    void driftAndSkewShapeLocalClocksAndTimers() {
        List<Seen> log = TestMessages.newLog();
        Simulation[] holder = new Simulation[1];
        NodeContext[] ctxOfB = new NodeContext[1];
        BiConsumer<NodeContext, Scripted> script = (ctx, self) -> {
            ctx.setTimer("t", 100_000);
            if (ctx.self().equals(B)) {
                ctxOfB[0] = ctx;
            }
        };
        SimulationBuilder b = Simulation.builder(1, ONE_MS);
        b.node(A, () -> new Scripted(log, holder, script), TestMessages.CODEC, 0, 100_000);   // 10% fast
        b.node(B, () -> new Scripted(log, holder, script), TestMessages.CODEC, 5_000, 0);     // 5 ms ahead
        holder[0] = b.build();
        Simulation s = holder[0];
        s.runUntil(1_000_000);
        Seen atA = log.stream().filter(x -> x.node().equals(A)).findFirst().orElseThrow();
        Seen atB = log.stream().filter(x -> x.node().equals(B)).findFirst().orElseThrow();
        assertEquals(90_910, atA.virtualMicros(), "a fast clock reaches its 100 ms deadline early");
        assertTrue(atA.localMicros() >= 100_000);
        assertEquals(100_000, atB.virtualMicros());
        assertEquals(105_000, atB.localMicros());

        long before = ctxOfB[0].nowMicros();   // node b reads its clock at 1 s
        s.setClockOffset(B, -500_000);
        assertEquals(before, s.localTime(B), "a backward jump holds the clock still");
        s.runUntil(2_000_000);
        assertEquals(1_500_000, s.localTime(B));
    }

    @Test
    void aTimerSetWhileTheClockIsHeldWaitsForTheClockToReachItsDeadline() {
        List<Seen> log = TestMessages.newLog();
        NodeContext[] ctxOfA = new NodeContext[1];
        Simulation[] holder = new Simulation[1];
        SimulationBuilder b = Simulation.builder(1, ONE_MS);
        b.node(A, () -> new Scripted(log, holder, (ctx, self) -> ctxOfA[0] = ctx), TestMessages.CODEC);
        holder[0] = b.build();
        Simulation s = holder[0];
        s.runUntil(1_000_000);
        assertEquals(1_000_000, ctxOfA[0].nowMicros());   // node a reads its clock at 1 s
        s.setClockOffset(A, -200_000);   // the clock, read at 1 s, now holds still for 200 ms of true time
        long held = s.localTime(A);
        assertEquals(1_000_000, held);
        ctxOfA[0].setTimer("t", 100_000);
        s.runUntil(2_000_000);
        Seen fired = log.stream().filter(x -> x.what().equals("timer t")).findFirst().orElseThrow();
        assertEquals(held + 100_000, fired.localMicros(), "fires when the clock reads its deadline");
        assertEquals(1_300_000, fired.virtualMicros(), "200 ms held, then 100 ms of running clock");
    }

    @Test
    void changingDriftKeepsTheClockContinuous() {
        List<Seen> log = TestMessages.newLog();
        Simulation s = sim(1, ONE_MS, log, (ctx, self) -> { });
        s.runUntil(8_000_000);
        long before = s.localTime(A);
        s.setClockDrift(A, 500);
        assertEquals(before, s.localTime(A));
        s.runUntil(9_000_000);
        assertEquals(before + 1_000_500, s.localTime(A));
        s.setClockDrift(A, 0);
        assertEquals(before + 1_000_500, s.localTime(A));
    }

    @Test
    void malformedFramesAreCountedNotFatal() {
        List<Seen> log = TestMessages.newLog();
        Simulation s = sim(1, ONE_MS, log, (ctx, self) -> {
            if (ctx.self().equals(A)) {
                ctx.send(C, new Num(1));
                ctx.send(C, new Num(2));
                ctx.send(NodeId.of("nobody"), new Num(3));
            }
        }, TraceSink.NONE, TestMessages.REJECTING);
        s.runUntil(10_000);
        assertEquals(2L, s.stats().dropped().get("malformed"));
        assertEquals(1L, s.stats().dropped().get("unknown-destination"));
        assertEquals(NodeStatus.UP, s.status(C));
    }

    @Test
    void anExceptionInNodeCodeStopsTheRunWithItsNodeAndTime() {
        Simulation[] holder = new Simulation[1];
        List<Seen> log = TestMessages.newLog();
        SimulationBuilder b = Simulation.builder(1, ONE_MS);
        b.node(A, () -> new Scripted(log, holder, (ctx, self) -> {
            throw new IllegalStateException("boom");
        }), TestMessages.CODEC);
        holder[0] = b.build();
        SimulationException e = assertThrows(SimulationException.class, () -> holder[0].runUntil(10));
        assertTrue(e.getMessage().contains("node a") && e.getMessage().contains("boom"), e.getMessage());
    }
}
