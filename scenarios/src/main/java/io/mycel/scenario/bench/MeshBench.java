package io.mycel.scenario.bench;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.Program;
import io.mycel.node.api.ProgramConfig;
import io.mycel.node.api.TimerId;
import io.mycel.node.mesh.MeshProcess;
import io.mycel.node.mesh.MeshProgram;
import io.mycel.node.store.StoreMessages;
import io.mycel.sim.LatencyDistribution;
import io.mycel.sim.LinkModel;
import io.mycel.sim.SimStats;
import io.mycel.sim.Simulation;
import io.mycel.sim.SimulationBuilder;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code mycel bench mesh}: the mesh program on a large partial-view overlay (HyParView with
 * Plumtree, static membership), a PN-counter per key. After a warm-up in which the overlay forms,
 * a client sends a burst of updates to random nodes; the run goes on until every node holds the
 * same state, which (as each update lives at least on the node that applied it) means every node
 * has every applied update.
 *
 * <p>The baseline, run in the same simulation, is the mesh at rest: the messages and bytes per
 * second of the quiet second before the burst (heartbeats, shuffles, anti-entropy digests). The
 * burst's cost is reported gross and net of that baseline, and as a ratio to it.
 *
 * <p>Membership is static here: SWIM keeps a full member table on every node, ten thousand nodes
 * times ten thousand entries, which one simulation process cannot hold; the overlay watches its
 * own neighbours either way.
 */
public final class MeshBench {

    /** Convergence is looked for this often, in virtual time. */
    static final long CHECK_EVERY_MICROS = 50_000;

    private MeshBench() {
    }

    /**
     * @param loss loss on every link
     * @param warmupMicros virtual time before the burst, for the overlay to form
     * @param burstMicros the burst's length: updates go out evenly over it
     * @param limitMicros give up looking for convergence this long after the burst ends
     */
    public record Setup(int nodes, int updates, int keys, double loss, long warmupMicros, long burstMicros,
                        long limitMicros, long seed) {
    }

    /**
     * @param convergedMicros when every node first held the same state, or -1 within the limit
     * @param quiet the counts of the last virtual second before the burst (the baseline)
     * @param atBurst the counts when the burst began
     * @param atEnd the counts at convergence (or at the limit)
     */
    public record Result(Setup setup, long burstStartMicros, long convergedMicros, SimStats quiet, SimStats atBurst,
                         SimStats atEnd, double quietSeconds, double wallSeconds, double wallSecondsAfterBurst,
                         long peakLiveHeapBytes, double meanActiveView, int isolatedNodes) {

        long burstEndMicros() {
            return burstStartMicros + setup.burstMicros();
        }
    }

    public static Result measure(Setup s) {
        Program program = new MeshProgram();
        ProgramConfig config = ProgramConfig.of(program.options(),
                Map.of("membership", "static", "overlay", "partial-view", "crdt", "counter"));
        MeshProcess[] processes = new MeshProcess[s.nodes()];
        LinkModel link = new LinkModel(new LatencyDistribution.LogNormal(5_000, 40_000), s.loss(), 0, 0);
        SimulationBuilder builder = Simulation.builder(s.seed(), link);
        for (int i = 0; i < s.nodes(); i++) {
            int index = i;
            builder.node(NodeId.of("n" + (i + 1)), () -> {
                processes[index] = (MeshProcess) program.newProcess(config);
                return processes[index];
            }, program.codec());
        }
        builder.client(NodeId.of("@burst"), () -> new BurstClient(s), program.codec());
        System.gc();
        try (LiveHeapWatch live = new LiveHeapWatch()) {
            long start = System.nanoTime();
            Simulation sim = builder.build();
            long quietFrom = s.warmupMicros() - 1_000_000;
            sim.runUntil(quietFrom);
            SimStats beforeQuiet = sim.stats();
            sim.runUntil(s.warmupMicros());
            SimStats atBurst = sim.stats();
            long burstWallStart = System.nanoTime();
            long burstEnd = s.warmupMicros() + s.burstMicros();
            long converged = -1;
            for (long t = s.warmupMicros() + CHECK_EVERY_MICROS; t <= burstEnd + s.limitMicros(); t += CHECK_EVERY_MICROS) {
                sim.runUntil(t);
                if (t >= burstEnd && allEqual(processes)) {
                    converged = t;
                    break;
                }
            }
            SimStats atEnd = sim.stats();
            long end = System.nanoTime();
            double[] view = viewStats(processes);
            return new Result(s, s.warmupMicros(), converged, minus(atBurst, beforeQuiet), atBurst, atEnd,
                    (s.warmupMicros() - quietFrom) / 1e6, (end - start) / 1e9, (end - burstWallStart) / 1e9,
                    live.peakBytes(), view[0], (int) view[1]);
        }
    }

    private static boolean allEqual(MeshProcess[] processes) {
        Map<String, Long> first = processes[0].store().digest();
        for (int i = 1; i < processes.length; i++) {
            if (!processes[i].store().digest().equals(first)) {
                return false;
            }
        }
        return true;
    }

    /** Mean active-view size, and the number of nodes with no neighbour at all. */
    private static double[] viewStats(MeshProcess[] processes) {
        long sum = 0;
        int isolated = 0;
        for (MeshProcess p : processes) {
            int n = p.overlay().neighbours().size();
            sum += n;
            if (n == 0) {
                isolated++;
            }
        }
        return new double[] {sum / (double) processes.length, isolated};
    }

    private static SimStats minus(SimStats a, SimStats b) {
        return new SimStats(a.events() - b.events(), a.sent() - b.sent(), a.delivered() - b.delivered(),
                a.duplicated() - b.duplicated(), a.bytesSent() - b.bytesSent(), Map.of());
    }

    public static void run(PrintStream out, Setup s) {
        Result r = measure(s);
        int n = s.nodes();
        double quietSeconds = r.quietSeconds();
        double quietMessagesPerNodeSecond = r.quiet().sent() / (n * quietSeconds);
        double quietBytesPerSecond = r.quiet().bytesSent() / quietSeconds;
        out.printf("nodes                      %,d (partial view: HyParView + Plumtree, static membership)%n", n);
        out.printf("burst                      %,d updates over %,d keys, sent evenly in %.1f s after a %.0f s warm-up%n",
                s.updates(), s.keys(), s.burstMicros() / 1e6, s.warmupMicros() / 1e6);
        out.printf("links                      lognormal latency, median 5 ms, p99 40 ms; loss %.3f%n", s.loss());
        out.printf("active view at the end     mean %.2f neighbours, %d nodes with none%n", r.meanActiveView(), r.isolatedNodes());
        if (r.convergedMicros() < 0) {
            out.printf("converged                  NOT within %.1f s after the burst%n", s.limitMicros() / 1e6);
        } else {
            out.printf("converged                  %.2f s after the burst ended (%.2f s after it began; checked every %d ms)%n",
                    (r.convergedMicros() - r.burstEndMicros()) / 1e6, (r.convergedMicros() - r.burstStartMicros()) / 1e6,
                    CHECK_EVERY_MICROS / 1000);
        }
        long end = r.convergedMicros() < 0 ? r.burstEndMicros() + s.limitMicros() : r.convergedMicros();
        double window = (end - r.burstStartMicros()) / 1e6;
        long messages = r.atEnd().sent() - r.atBurst().sent();
        long bytes = r.atEnd().bytesSent() - r.atBurst().bytesSent();
        double messagesPerNodeSecond = messages / (n * window);
        out.printf("baseline (mesh at rest)    %.2f messages / node / s, %,.0f bytes / s in all (the last second before the burst)%n",
                quietMessagesPerNodeSecond, quietBytesPerSecond);
        out.printf("burst to convergence       %.2f messages / node / s over %.2f s: %.2f x the baseline%n",
                messagesPerNodeSecond, window, messagesPerNodeSecond / quietMessagesPerNodeSecond);
        out.printf("bytes per update           %,.0f gross, %,.0f net of the baseline (%,.1f net per node reached)%n",
                bytes / (double) s.updates(), (bytes - quietBytesPerSecond * window) / s.updates(),
                (bytes - quietBytesPerSecond * window) / s.updates() / (n - 1));
        out.printf("wall seconds               %.2f in all, %.2f from the burst to convergence%n", r.wallSeconds(), r.wallSecondsAfterBurst());
        out.printf("peak live heap             %,.0f MiB%n", r.peakLiveHeapBytes() / 1048576.0);
    }

    /**
     * Sends the burst: from the end of the warm-up, every millisecond its share of the updates, each
     * an add of 1 to a key drawn at random, to a node drawn at random. Request ids only grow, and a
     * link keeps order (reorder 0), so no node takes a fresh request for a retry. Replies are ignored.
     */
    static final class BurstClient implements Process {
        private final Setup setup;
        private long sent;
        private long ticks;

        BurstClient(Setup setup) {
            this.setup = setup;
        }

        @Override
        public void onStart(NodeContext ctx) {
            ctx.setTimer("burst", setup.warmupMicros());
        }

        @Override
        public void onTimer(NodeContext ctx, TimerId timer) {
            long totalTicks = Math.max(1, setup.burstMicros() / 1_000);
            ticks++;
            long due = setup.updates() * Math.min(ticks, totalTicks) / totalTicks;
            List<NodeId> nodes = ctx.members();
            while (sent < due) {
                sent++;
                NodeId to = nodes.get(ctx.random().nextInt(nodes.size()));
                String key = "k" + ctx.random().nextInt(setup.keys());
                ctx.send(to, new StoreMessages.Update(sent, StoreMessages.Op.ADD, key, 1));
            }
            if (ticks < totalTicks) {
                ctx.setTimer("burst", 1_000);
            }
        }

        @Override
        public void onMessage(NodeContext ctx, NodeId from, Message message) {
        }
    }
}
