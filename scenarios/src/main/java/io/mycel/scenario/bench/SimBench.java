package io.mycel.scenario.bench;

import io.mycel.node.api.NodeId;
import io.mycel.power.Battery;
import io.mycel.power.BatterySpec;
import io.mycel.power.DeviceProfile;
import io.mycel.power.DeviceProfiles;
import io.mycel.power.LoRaAirtime;
import io.mycel.power.NodeEnergy;
import io.mycel.power.SolarHarvester;
import io.mycel.power.SolarSky;
import io.mycel.sim.LatencyDistribution;
import io.mycel.sim.LinkModel;
import io.mycel.sim.SimStats;
import io.mycel.sim.Simulation;
import io.mycel.sim.SimulationBuilder;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.PriorityQueue;

/**
 * {@code mycel bench sim}: the standard workload of the spine issue, measured in wall time, with a
 * baseline run in the same process: a bare {@link PriorityQueue} doing as many add-and-poll steps
 * as the simulator handled events, at the simulator's queue size. The ratio says how much of a
 * bare queue's speed the whole simulator keeps (network model, codec, handlers and all).
 */
public final class SimBench {

    private SimBench() {
    }

    /**
     * @param peakHeapBytes the most the heap held at once, garbage included (sum of the pools' peaks;
     *     it grows with the young generation the collector chose, so it says more about the JVM than the run)
     * @param peakLiveHeapBytes the most the heap held right after a collection: what the run kept alive
     */
    public record Result(int nodes, long virtualMicros, long delivered, long events, double wallSeconds,
                         long peakHeapBytes, long peakLiveHeapBytes) {
        double messagesPerSecond() {
            return delivered / wallSeconds;
        }

        double eventsPerSecond() {
            return events / wallSeconds;
        }
    }

    public static Result measure(int nodes, long virtualMicros, long seed) {
        return measure(nodes, virtualMicros, seed, false);
    }

    /**
     * @param powered every node on a battery with a solar panel (a Pi Zero 2 W with an SX1276 at
     *     SF7), so each handler and frame is metered: the power model's cost on the same workload
     */
    public static Result measure(int nodes, long virtualMicros, long seed, boolean powered) {
        SimulationBuilder builder = Simulation.builder(seed, LinkModel.reliable(new LatencyDistribution.Constant(1_000)));
        DeviceProfile board = DeviceProfiles.builtIn("pi-zero-2w");
        DeviceProfile lora = DeviceProfiles.builtIn("sx1276");
        LoRaAirtime sf7 = LoRaAirtime.lorawan(7);
        SolarSky sky = new SolarSky(45, 172, 6, 0.3, 0.9, seed);
        BatterySpec cell = BatterySpec.liIon18650();
        SolarHarvester panel = SolarHarvester.smallPanel(sky);
        for (int i = 1; i <= nodes; i++) {
            NodeId id = NodeId.of("n" + i);
            builder.node(id, BenchProgram.Node::new, BenchProgram.CODEC);
            if (powered) {
                builder.energy(id, new NodeEnergy(new Battery(cell, 1.0), panel,
                        board.cpu(), lora.radio(), sf7::micros, new NodeEnergy.CostModel(500, 1), 0.3, 1.0));
            }
        }
        System.gc();
        resetPeaks();
        try (LiveHeapWatch live = new LiveHeapWatch()) {
            long start = System.nanoTime();
            Simulation sim = builder.build();
            sim.runUntil(virtualMicros);
            double wall = (System.nanoTime() - start) / 1e9;
            SimStats stats = sim.stats();
            return new Result(nodes, virtualMicros, stats.delivered(), stats.events(), wall, peakHeap(), live.peakBytes());
        }
    }

    public static void run(PrintStream out, int nodes, long virtualMicros, long seed, boolean baseline) {
        // Warm the JIT on about two million messages of the same shape, so the measured runs are
        // steady-state code; then take the median of the measured runs, as one run on a shared
        // machine can be far off.
        int warmNodes = Math.min(nodes, 1_000);
        measure(warmNodes, 2_000_000L * BenchProgram.PERIOD_MICROS / warmNodes, seed + 1);
        int repeats = (long) nodes * virtualMicros <= 10_000L * 10_000_000L ? 3 : 1;
        Result[] results = new Result[repeats];
        for (int i = 0; i < repeats; i++) {
            results[i] = measure(nodes, virtualMicros, seed);
        }
        java.util.Arrays.sort(results, java.util.Comparator.comparingDouble(Result::wallSeconds));
        Result r = results[repeats / 2];
        out.printf("runs                   %d measured (median shown), after a warm-up of ~2M messages%n", repeats);
        out.printf("nodes                  %,d%n", r.nodes());
        out.printf("virtual seconds        %.1f%n", r.virtualMicros() / 1e6);
        out.printf("delivered messages     %,d%n", r.delivered());
        out.printf("events                 %,d%n", r.events());
        out.printf("wall seconds           %.2f%n", r.wallSeconds());
        out.printf("messages / wall second %,.0f%n", r.messagesPerSecond());
        out.printf("events / wall second   %,.0f%n", r.eventsPerSecond());
        out.printf("peak heap              %,.1f MiB (garbage included: sum of the heap pools' peaks)%n", r.peakHeapBytes() / 1048576.0);
        out.printf("peak live heap         %,.1f MiB (most held right after a collection)%n", r.peakLiveHeapBytes() / 1048576.0);
        if (baseline) {
            // The simulator's queue holds about one timer per node plus the messages in flight.
            int queueSize = nodes + (int) Math.min(Integer.MAX_VALUE / 2, nodes * 1_000L / BenchProgram.PERIOD_MICROS);
            long steps = Math.min(r.events(), 50_000_000L);
            double baselineEventsPerSecond = bareQueue(queueSize, steps, seed);
            out.printf("baseline               java.util.PriorityQueue, %,d entries, %,d add+poll steps: %,.0f steps / wall second%n",
                    queueSize, steps, baselineEventsPerSecond);
            out.printf("ratio                  simulator events / baseline steps = %.2f%n", r.eventsPerSecond() / baselineEventsPerSecond);
        }
    }

    /**
     * The power model's overhead: the standard workload with every node metered against the same
     * without, in this process, after a warm-up of both. Each repeat runs the two back to back and
     * takes their ratio; the median ratio is reported, with the spread, since a shared machine's
     * speed drifts between runs more than within a pair.
     */
    public static void powerOverhead(PrintStream out, int nodes, long virtualMicros, long seed, int repeats) {
        int warmNodes = Math.min(nodes, 1_000);
        measure(warmNodes, 2_000_000L * BenchProgram.PERIOD_MICROS / warmNodes, seed + 1, false);
        measure(warmNodes, 2_000_000L * BenchProgram.PERIOD_MICROS / warmNodes, seed + 1, true);
        Result[] bare = new Result[repeats];
        Result[] powered = new Result[repeats];
        double[] ratios = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            bare[i] = measure(nodes, virtualMicros, seed, false);
            powered[i] = measure(nodes, virtualMicros, seed, true);
            ratios[i] = powered[i].wallSeconds() / bare[i].wallSeconds();
        }
        java.util.Arrays.sort(bare, java.util.Comparator.comparingDouble(Result::wallSeconds));
        java.util.Arrays.sort(powered, java.util.Comparator.comparingDouble(Result::wallSeconds));
        java.util.Arrays.sort(ratios);
        int mid = repeats / 2;
        out.printf("nodes %,d, %.1f virtual s, %,d messages; %d pairs after a warm-up%n", nodes, virtualMicros / 1e6,
                bare[mid].delivered(), repeats);
        out.printf("without power model   %.2f wall s median  (%,.0f messages / s)%n", bare[mid].wallSeconds(), bare[mid].messagesPerSecond());
        out.printf("with power model      %.2f wall s median  (%,.0f messages / s, %,d events)%n", powered[mid].wallSeconds(),
                powered[mid].messagesPerSecond(), powered[mid].events());
        out.printf("ratio                 %.2f median of the pairs' ratios (wall time with / without), from %.2f to %.2f%n",
                ratios[mid], ratios[0], ratios[repeats - 1]);
    }

    /** Steps per second of a bare queue of (time, seq) entries: poll the earliest, add one later. */
    static double bareQueue(int size, long steps, long seed) {
        record Entry(long time, long seq) {
        }
        PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
        io.mycel.node.api.SeededRandom random = new io.mycel.node.api.SeededRandom(seed);
        long seq = 0;
        for (int i = 0; i < size; i++) {
            queue.add(new Entry(random.nextLong(0, BenchProgram.PERIOD_MICROS), seq++));
        }
        long start = System.nanoTime();
        for (long i = 0; i < steps; i++) {
            Entry e = queue.poll();
            queue.add(new Entry(e.time + 1 + random.nextLong(0, BenchProgram.PERIOD_MICROS), seq++));
        }
        return steps / ((System.nanoTime() - start) / 1e9);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of each heap pool's peak: an upper bound on the peak of the whole heap. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
