package io.mycel.scenario.bench;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.SeededRandom;
import io.mycel.node.api.TimerId;
import io.mycel.node.dht.DhtBug;
import io.mycel.node.dht.DhtCodec;
import io.mycel.node.dht.DhtConfig;
import io.mycel.node.dht.Kademlia;
import io.mycel.sim.LatencyDistribution;
import io.mycel.sim.LinkModel;
import io.mycel.sim.Simulation;
import io.mycel.sim.SimulationBuilder;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * {@code mycel bench dht}: Kademlia on a large mesh. Nodes join one after another over a join window
 * (as a mesh grows; all at once would send every join through the same three seeds in one instant),
 * the mesh settles, then lookups of random nodes from random nodes run one every millisecond. Reports
 * the hop histogram, queries per lookup and virtual latency, against log2 n, Kademlia's bound, as the
 * baseline ratio.
 */
public final class DhtBench {

    static final String JOIN_TIMER = "bench.join";
    static final String LOOKUP_TIMER = "bench.lookup";

    private DhtBench() {
    }

    /**
     * @param joinMicros the window over which nodes join, evenly spaced
     * @param settleMicros quiet time after the last join, before the lookups
     */
    public record Setup(int nodes, int lookups, int k, int alpha, long joinMicros, long settleMicros, long seed) {
    }

    /** One lookup's outcome. */
    record Sample(boolean found, int hops, int queries, long latencyMicros) {
    }

    /** A node that joins at its time, and then looks up the targets handed to it at theirs. */
    private static final class BenchNode implements Process {
        final Kademlia kademlia;
        final long joinAtMicros;
        final TreeMap<Long, NodeId> lookups = new TreeMap<>();
        final List<Sample> samples;
        boolean joined;

        BenchNode(DhtConfig config, long joinAtMicros, List<Sample> samples) {
            this.kademlia = new Kademlia(config);
            this.joinAtMicros = joinAtMicros;
            this.samples = samples;
        }

        @Override
        public void onStart(NodeContext ctx) {
            ctx.setTimer(JOIN_TIMER, joinAtMicros);
            for (long at : lookups.keySet()) {
                ctx.setTimer(LOOKUP_TIMER, at);
            }
        }

        @Override
        public void onMessage(NodeContext ctx, NodeId from, Message message) {
            if (joined) {
                kademlia.onMessage(ctx, from, message);
            }
        }

        @Override
        public void onTimer(NodeContext ctx, TimerId timer) {
            if (timer.name().equals(JOIN_TIMER)) {
                joined = true;
                kademlia.onStart(ctx);
            } else if (timer.name().equals(LOOKUP_TIMER)) {
                NodeId target = lookups.pollFirstEntry().getValue();
                long started = ctx.nowMicros();
                kademlia.locate(ctx, target, (c, found, hops, queries) ->
                        samples.add(new Sample(!found.isEmpty(), hops, queries, c.nowMicros() - started)));
            } else {
                kademlia.onTimer(ctx, timer);
            }
        }
    }

    public static void run(PrintStream out, Setup setup) {
        // refresh and republish out of the measured window: the lookups are all the traffic there is
        long quiet = setup.joinMicros() + setup.settleMicros() + 3_600_000_000L;
        DhtConfig config = new DhtConfig(setup.k(), setup.alpha(), 3, 3, 200_000, 2, quiet, quiet, 2 * quiet, DhtBug.NONE);
        SimulationBuilder b = Simulation.builder(setup.seed(),
                new LinkModel(new LatencyDistribution.LogNormal(5_000, 40_000), 0, 0, 0));
        List<Sample> samples = new ArrayList<>();
        List<BenchNode> nodes = new ArrayList<>(setup.nodes());
        SeededRandom draw = new SeededRandom(setup.seed()).fork("bench.dht");
        for (int i = 0; i < setup.nodes(); i++) {
            long joinAt = setup.joinMicros() * i / setup.nodes();
            nodes.add(new BenchNode(config, joinAt, samples));
        }
        long lookupsFrom = setup.joinMicros() + setup.settleMicros();
        for (int i = 0; i < setup.lookups(); i++) {
            BenchNode asker = nodes.get(draw.nextInt(setup.nodes()));
            asker.lookups.put(lookupsFrom + 1_000L * i, NodeId.of("n" + (1 + draw.nextInt(setup.nodes()))));
        }
        for (int i = 0; i < setup.nodes(); i++) {
            BenchNode node = nodes.get(i);
            b.node(NodeId.of("n" + (i + 1)), () -> node, new DhtCodec());
        }
        Simulation sim = b.build();
        long wallStart = System.nanoTime();
        sim.runUntil(lookupsFrom);
        long joinWall = System.nanoTime() - wallStart;
        long joinMessages = sim.stats().sent();
        long tables = 0;
        for (BenchNode node : nodes) {
            tables += node.kademlia.tableSize();
        }
        sim.runUntil(lookupsFrom + 1_000L * setup.lookups() + 10_000_000);
        long wall = System.nanoTime() - wallStart;
        report(out, setup, samples, tables, joinMessages, sim.stats().sent() - joinMessages, joinWall, wall);
    }

    private static void report(PrintStream out, Setup setup, List<Sample> samples, long tables, long joinMessages,
                               long lookupMessages, long joinWallNanos, long wallNanos) {
        double log2n = Math.log(setup.nodes()) / Math.log(2);
        TreeMap<Integer, Integer> histogram = new TreeMap<>();
        List<Integer> hops = new ArrayList<>();
        List<Long> latency = new ArrayList<>();
        long queries = 0;
        int found = 0;
        for (Sample s : samples) {
            if (s.found()) {
                found++;
                histogram.merge(s.hops(), 1, Integer::sum);
                hops.add(s.hops());
                latency.add(s.latencyMicros());
            }
            queries += s.queries();
        }
        Collections.sort(hops);
        Collections.sort(latency);
        double meanHops = hops.stream().mapToInt(Integer::intValue).average().orElse(0);
        out.printf(Locale.ROOT, "dht bench: %,d nodes (k %d, alpha %d), %,d lookups of random nodes, seed %d%n",
                setup.nodes(), setup.k(), setup.alpha(), setup.lookups(), setup.seed());
        out.printf(Locale.ROOT, "  join:     %,d messages, %.1f contacts a table, %.1fs wall%n",
                joinMessages, (double) tables / setup.nodes(), joinWallNanos / 1e9);
        out.printf(Locale.ROOT, "  found:    %,d of %,d answered (%,d asked)%n", found, samples.size(), setup.lookups());
        out.printf(Locale.ROOT, "  hops:     %s%n", histogram);
        out.printf(Locale.ROOT, "  hops:     mean %.2f, p50 %d, p99 %d, max %d; log2 n = %.1f (baseline), mean / log2 n = %.2f%n",
                meanHops, pick(hops, 0.5), pick(hops, 0.99), hops.isEmpty() ? 0 : hops.get(hops.size() - 1), log2n,
                meanHops / log2n);
        out.printf(Locale.ROOT, "  queries:  %.1f a lookup; %,d messages for the lookups%n",
                samples.isEmpty() ? 0 : (double) queries / samples.size(), lookupMessages);
        out.printf(Locale.ROOT, "  latency:  p50 %.1fms, p99 %.1fms (virtual; links log-normal, median 5ms, p99 40ms)%n",
                pick(latency, 0.5) / 1e3, pick(latency, 0.99) / 1e3);
        out.printf(Locale.ROOT, "  wall:     %.1fs in all%n", wallNanos / 1e9);
    }

    private static <T extends Number> long pick(List<T> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(quantile * (sorted.size() - 1)))).longValue();
    }
}
