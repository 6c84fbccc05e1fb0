package io.mycel.scenario.cli;

import io.mycel.scenario.bench.DhtBench;
import io.mycel.scenario.bench.MeshBench;
import io.mycel.scenario.bench.RaftBench;
import io.mycel.scenario.bench.SimBench;
import io.mycel.scenario.bench.TasksBench;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", description = "Benchmarks.", subcommands = {BenchCommand.Sim.class, BenchCommand.Mc.class, BenchCheck.class, BenchCommand.Mesh.class, BenchCommand.Raft.class,
        BenchCommand.Dht.class, BenchCommand.Tasks.class,
        BenchSweep.class})
final class BenchCommand {

    @Command(name = "sim", description = {
            "The simulator's standard workload: every 10 ms of virtual time each node sends a 100-byte",
            "message to a uniformly random other node; constant 1 ms latency; receivers do nothing else."})
    static final class Sim implements Callable<Integer> {

        @Option(names = "--nodes", paramLabel = "N", defaultValue = "1000", description = "nodes (default: ${DEFAULT-VALUE})")
        int nodes;

        @Option(names = "--virtual-seconds", paramLabel = "S", defaultValue = "10", description = "virtual time (default: ${DEFAULT-VALUE})")
        double virtualSeconds;

        @Option(names = "--seed", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--no-baseline", description = "skip the in-process baseline (a bare priority queue)")
        boolean noBaseline;

        @Option(names = "--power-model", description = "measure instead the power model's overhead: every node metered, against none")
        boolean powerModel;

        @Option(names = "--repeats", paramLabel = "N", defaultValue = "5",
                description = "with --power-model: pairs of runs, metered and not (default: ${DEFAULT-VALUE})")
        int repeats;

        @Override
        public Integer call() {
            if (nodes < 2 || virtualSeconds <= 0) {
                System.err.println("mycel bench sim: need --nodes of at least 2 and --virtual-seconds above 0");
                return MycelCommand.EXIT_BAD_INPUT;
            }
            if (powerModel) {
                if (repeats < 1) {
                    System.err.println("mycel bench sim: need --repeats of at least 1");
                    return MycelCommand.EXIT_BAD_INPUT;
                }
                SimBench.powerOverhead(System.out, nodes, (long) (virtualSeconds * 1_000_000), seed, repeats);
                return 0;
            }
            SimBench.run(System.out, nodes, (long) (virtualSeconds * 1_000_000), seed, !noBaseline);
            return 0;
        }
    }

    @Command(name = "mesh", description = {
            "The mesh program on a partial-view overlay (HyParView + Plumtree): after a warm-up, a burst of",
            "PN-counter updates to random nodes; reports the time until every node holds the same state,",
            "messages per node per second and bytes per update, against the mesh at rest (the baseline)."})
    static final class Mesh implements Callable<Integer> {

        @Option(names = "--nodes", paramLabel = "N", defaultValue = "1000", description = "nodes (default: ${DEFAULT-VALUE})")
        int nodes;

        @Option(names = "--updates", paramLabel = "U", defaultValue = "10000", description = "updates in the burst (default: ${DEFAULT-VALUE})")
        int updates;

        @Option(names = "--keys", paramLabel = "K", defaultValue = "100", description = "keys the updates spread over (default: ${DEFAULT-VALUE})")
        int keys;

        @Option(names = "--burst-seconds", paramLabel = "S", defaultValue = "1", description = "virtual seconds the burst lasts (default: ${DEFAULT-VALUE})")
        double burstSeconds;

        @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "20", description = "virtual seconds for the overlay to form (default: ${DEFAULT-VALUE})")
        double warmupSeconds;

        @Option(names = "--limit-seconds", paramLabel = "S", defaultValue = "120", description = "give up this long after the burst (default: ${DEFAULT-VALUE})")
        double limitSeconds;

        @Option(names = "--loss", defaultValue = "0", description = "loss on every link (default: ${DEFAULT-VALUE})")
        double loss;

        @Option(names = "--seed", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Override
        public Integer call() {
            if (nodes < 2 || updates < 1 || keys < 1 || burstSeconds <= 0 || warmupSeconds < 2 || limitSeconds <= 0
                    || loss < 0 || loss >= 1) {
                System.err.println("mycel bench mesh: need --nodes >= 2, --updates >= 1, --keys >= 1, --burst-seconds > 0,"
                        + " --warmup-seconds >= 2, --limit-seconds > 0 and 0 <= --loss < 1");
                return MycelCommand.EXIT_BAD_INPUT;
            }
            MeshBench.run(System.out, new MeshBench.Setup(nodes, updates, keys, loss, (long) (warmupSeconds * 1e6),
                    (long) (burstSeconds * 1e6), (long) (limitSeconds * 1e6), seed));
            return 0;
        }
    }

    @Command(name = "dht", description = {
            "Kademlia on a large mesh: nodes join over a window, then lookups of random nodes from random",
            "nodes; reports the hop histogram, queries a lookup and virtual latency, against log2 n."})
    static final class Dht implements Callable<Integer> {

        @Option(names = "--nodes", split = ",", paramLabel = "N,...", defaultValue = "1000",
                description = "mesh sizes, one run each (default: ${DEFAULT-VALUE})")
        List<Integer> nodes;

        @Option(names = "--lookups", paramLabel = "L", defaultValue = "1000", description = "lookups measured (default: ${DEFAULT-VALUE})")
        int lookups;

        @Option(names = "--k", defaultValue = "20", description = "bucket size (default: ${DEFAULT-VALUE})")
        int k;

        @Option(names = "--alpha", defaultValue = "3", description = "queries in flight (default: ${DEFAULT-VALUE})")
        int alpha;

        @Option(names = "--join-seconds", paramLabel = "S", defaultValue = "60", description = "virtual seconds over which nodes join (default: ${DEFAULT-VALUE})")
        double joinSeconds;

        @Option(names = "--seed", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Override
        public Integer call() {
            if (nodes.stream().anyMatch(n -> n < 2) || lookups < 1 || k < 1 || k > 64 || alpha < 1 || joinSeconds <= 0) {
                System.err.println("mycel bench dht: need --nodes >= 2, --lookups >= 1, 1 <= --k <= 64, --alpha >= 1, --join-seconds > 0");
                return MycelCommand.EXIT_BAD_INPUT;
            }
            for (int n : nodes) {
                DhtBench.run(System.out, new DhtBench.Setup(n, lookups, k, alpha,
                        (long) (joinSeconds * 1e6), 10_000_000, seed));
            }
            return 0;
        }
    }

    @Command(name = "tasks", description = {
            "The distributed supervisor with idle tasks on a large mesh: heap per task and per node, and the",
            "time to restart a crashed tenth's tasks on the survivors."})
    static final class Tasks implements Callable<Integer> {

        @Option(names = "--nodes", paramLabel = "N", defaultValue = "1000", description = "nodes (default: ${DEFAULT-VALUE})")
        int nodes;

        @Option(names = "--tasks", paramLabel = "T", defaultValue = "100", description = "idle tasks a node (default: ${DEFAULT-VALUE})")
        int tasks;

        @Option(names = "--vnodes", paramLabel = "V", defaultValue = "64", description = "virtual nodes a node (default: ${DEFAULT-VALUE})")
        int vnodes;

        @Option(names = "--detect-seconds", paramLabel = "S", defaultValue = "2", description = "from the crash until the survivors act (default: ${DEFAULT-VALUE})")
        double detectSeconds;

        @Option(names = "--seed", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Override
        public Integer call() {
            if (nodes < 10 || tasks < 2 || vnodes < 1 || detectSeconds < 0 || (long) nodes * tasks > Integer.MAX_VALUE) {
                System.err.println("mycel bench tasks: need --nodes >= 10, --tasks >= 2, --vnodes >= 1, --detect-seconds >= 0");
                return MycelCommand.EXIT_BAD_INPUT;
            }
            TasksBench.run(System.out, new TasksBench.Setup(nodes, tasks, vnodes, (long) (detectSeconds * 1e6), 60_000_000, seed));
            return 0;
        }
    }

    @Command(name = "raft", description = {
            "raft-kv on five nodes with 1 ms links and closed-loop put clients: committed writes per wall and",
            "virtual second and virtual write latency (p50, p99), with 1, 10 and 100 clients, against Raft",
            "without batching or pipelining run in the same process (the baseline)."})
    static final class Raft implements Callable<Integer> {

        @Option(names = "--clients", split = ",", paramLabel = "C,...", defaultValue = "1,10,100",
                description = "client counts to measure (default: ${DEFAULT-VALUE})")
        List<Integer> clients;

        @Option(names = "--virtual-seconds", paramLabel = "S", defaultValue = "10", description = "virtual time measured (default: ${DEFAULT-VALUE})")
        double virtualSeconds;

        @Option(names = "--seed", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
        long seed;

        @Override
        public Integer call() {
            if (virtualSeconds <= 0 || clients.stream().anyMatch(c -> c < 1)) {
                System.err.println("mycel bench raft: need --virtual-seconds above 0 and client counts of at least 1");
                return MycelCommand.EXIT_BAD_INPUT;
            }
            RaftBench.run(System.out, (long) (virtualSeconds * 1_000_000), seed, clients);
            return 0;
        }
    }

    @Command(name = "mc", description = {
            "The model checker: one scenario's exploration to a depth, plainly, with full states, with symmetry "
                    + "and with sleep sets; states per second and bytes per state, and ratios to the plain run."})
    static final class Mc implements Callable<Integer> {

        @picocli.CommandLine.Parameters(index = "0", paramLabel = "FILE", description = "a scenario with a model-check section")
        java.nio.file.Path file;

        @Option(names = "--depth", paramLabel = "D", description = "explore to this depth (default: the file's max-depth)")
        Integer depth;

        @Override
        public Integer call() {
            io.mycel.scenario.Scenario scenario = ScenarioFiles.load(file, System.err);
            if (scenario == null || scenario.modelCheck() == null) {
                if (scenario != null) {
                    System.err.println(file + ": no model-check section");
                }
                return MycelCommand.EXIT_BAD_INPUT;
            }
            io.mycel.scenario.bench.McBench.run(System.out, scenario, depth == null ? scenario.modelCheck().maxDepth() : depth);
            return 0;
        }
    }
}
