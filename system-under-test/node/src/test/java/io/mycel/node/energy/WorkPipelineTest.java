package io.mycel.node.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.Message;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.PowerView;
import io.mycel.node.api.Process;
import io.mycel.node.api.TimerId;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.energy.EnergyGovernor.WorkClass;
import io.mycel.sim.EnergySupply;
import io.mycel.sim.LatencyDistribution;
import io.mycel.sim.LinkModel;
import io.mycel.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkPipelineTest {

    private static final NodeId N1 = NodeId.of("n1");
    private static final long SECOND = 1_000_000;

    /** A supply that is low over [from, until) and otherwise full: no battery, just the mode. */
    private static final class LowSpell implements EnergySupply {
        private final long from;
        private final long until;
        private boolean low;

        LowSpell(long from, long until) {
            this.from = from;
            this.until = until;
        }

        @Override
        public PowerView view() {
            return EnergyGovernorTest.battery(low);   // asked afresh each time: the mode as it is now
        }

        @Override
        public double loadWatts() {
            return 0;
        }

        @Override
        public void powered(long nowMicros, boolean on) {
        }

        @Override
        public boolean handled(long nowMicros, int bytesIn) {
            return false;
        }

        @Override
        public boolean sent(long nowMicros, int bytes) {
            return false;
        }

        @Override
        public long nextCheck(long nowMicros) {
            return nowMicros < from ? from : nowMicros < until ? until : Long.MAX_VALUE;
        }

        @Override
        public Verdict check(long nowMicros) {
            boolean nowLow = nowMicros >= from && nowMicros < until;
            if (nowLow != low) {
                low = nowLow;
                return Verdict.MODE_CHANGED;
            }
            return Verdict.NONE;
        }
    }

    /** Submits a deferrable job every 10 s and a critical one every 25 s; logs each job as it runs. */
    private static final class Producer implements Process {
        final List<String> log;
        final WorkPipeline pipeline;

        Producer(List<String> log) {
            this.log = log;
            this.pipeline = new WorkPipeline(new EnergyGovernor(true, 20), SECOND, "test/work/",
                    (ctx, job) -> log.add(ctx.nowMicros() / SECOND + "s " + job.work() + " #" + job.id()));
        }

        @Override
        public void onStart(NodeContext ctx) {
            pipeline.onStart(ctx);
            ctx.setTimer("deferrable", 10 * SECOND);
            ctx.setTimer("critical", 25 * SECOND);
        }

        @Override
        public void onMessage(NodeContext ctx, NodeId from, Message message) {
        }

        @Override
        public void onTimer(NodeContext ctx, TimerId timer) {
            if (pipeline.onTimer(ctx, timer)) {
                return;
            }
            boolean critical = timer.name().equals("critical");
            long id = pipeline.submit(ctx, critical ? WorkClass.CRITICAL : WorkClass.DEFERRABLE, timer.name());
            log.add(ctx.nowMicros() / SECOND + "s queued #" + id);
            ctx.setTimer(timer.name(), (critical ? 25 : 10) * SECOND);
        }

        @Override
        public void onPowerChange(NodeContext ctx) {
            pipeline.onPowerChange(ctx);
        }
    }

    private static final MessageCodec NO_MESSAGES = new MessageCodec() {
        @Override
        public void encode(Message message, WireWriter out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Message decode(WireReader in) {
            throw new UnsupportedOperationException();
        }
    };

    private static Simulation run(List<String> log, long lowFrom, long lowUntil) {
        return Simulation.builder(1, LinkModel.reliable(new LatencyDistribution.Constant(1_000)))
                .node(N1, () -> new Producer(log), NO_MESSAGES)
                .energy(N1, new LowSpell(lowFrom, lowUntil))
                .build();
    }

    /** Second, class and id of each line of the log with this word ("queued", "DEFERRABLE", "CRITICAL"). */
    private static List<long[]> lines(List<String> log, String word) {
        List<long[]> out = new ArrayList<>();
        for (String line : log) {
            if (line.contains(word)) {
                out.add(new long[] {Long.parseLong(line.substring(0, line.indexOf('s'))), Long.parseLong(line.substring(line.indexOf('#') + 1))});
            }
        }
        return out;
    }

    @Test
    void deferrableWorkWaitsOutALowSpellAndThenRunsInOrderAtThePaceWhileCriticalWorkNeverWaits() {
        List<String> log = new ArrayList<>();
        Simulation sim = run(log, 35 * SECOND, 95 * SECOND);
        sim.runUntil(130 * SECOND);
        List<long[]> deferred = lines(log, "DEFERRABLE");
        List<long[]> critical = lines(log, "CRITICAL");
        for (long[] d : deferred) {
            assertTrue(d[0] < 35 || d[0] > 95, "deferrable job #" + d[1] + " ran in the low spell, at " + d[0] + "s: " + log);
        }
        assertEquals(List.of(25L, 50L, 75L, 100L, 125L), critical.stream().map(c -> c[0]).toList(), "critical work never waits");
        // Every deferrable job queued up to 120 s ran, in the order queued, the waiting ones one a second from 96 s.
        List<Long> queuedIds = lines(log, "queued").stream().filter(q -> q[0] <= 120).map(q -> q[1])
                .filter(id -> critical.stream().noneMatch(c -> c[1] == id)).toList();
        assertEquals(queuedIds, deferred.stream().map(d -> d[1]).toList(), log.toString());
        List<Long> afterSpell = deferred.stream().filter(d -> d[0] > 95).map(d -> d[0]).limit(5).toList();
        assertEquals(List.of(96L, 97L, 98L, 99L, 100L), afterSpell, log.toString());
    }

    @Test
    void queuedWorkSurvivesACrashAndRunsOnceAfterTheRestart() {
        List<String> log = new ArrayList<>();
        Simulation sim = run(log, 35 * SECOND, 95 * SECOND);
        sim.at(60 * SECOND, () -> sim.crash(N1));
        sim.at(62 * SECOND, () -> sim.restart(N1));
        sim.runUntil(110 * SECOND);
        List<long[]> deferred = lines(log, "DEFERRABLE");
        List<Long> queuedBeforeCrash = lines(log, "queued").stream().filter(q -> q[0] > 35 && q[0] < 60).map(q -> q[1])
                .filter(id -> lines(log, "CRITICAL").stream().noneMatch(c -> c[1] == id)).toList();
        assertTrue(queuedBeforeCrash.size() >= 2, log.toString());
        for (long id : queuedBeforeCrash) {
            assertEquals(1, deferred.stream().filter(d -> d[1] == id && d[0] > 95).count(), "job #" + id + " ran once, after the spell: " + log);
        }
        assertEquals(deferred.size(), deferred.stream().map(d -> d[1]).distinct().count(), "no job ran twice: " + log);
    }
}
