package io.mycel.scenario.cli;

import io.mycel.scenario.bench.SimBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", description = "Benchmarks.", subcommands = {BenchCommand.Sim.class, BenchCheck.class})
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

        @Override
        public Integer call() {
            if (nodes < 2 || virtualSeconds <= 0) {
                System.err.println("mycel bench sim: need --nodes of at least 2 and --virtual-seconds above 0");
                return MycelCommand.EXIT_BAD_INPUT;
            }
            SimBench.run(System.out, nodes, (long) (virtualSeconds * 1_000_000), seed, !noBaseline);
            return 0;
        }
    }
}
