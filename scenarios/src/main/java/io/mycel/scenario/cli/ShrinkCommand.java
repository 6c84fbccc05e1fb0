package io.mycel.scenario.cli;

import io.mycel.node.api.Durations;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioException;
import io.mycel.scenario.load.ScenarioLoader;
import io.mycel.scenario.run.RunResult;
import io.mycel.scenario.shrink.Shrinker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "shrink", description = {
        "Shrink a failing seed to a smaller run that fails the same way (the same check), and write it as a",
        "scenario file with that seed fixed, to replay and to commit as a regression test.",
        "Exit code: 0 when a shrunk file was written, 1 when the seed does not fail, 2 on bad input."})
final class ShrinkCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the scenario file (YAML)")
    Path file;

    @Option(names = "--seed", paramLabel = "N", required = true, description = "the failing seed")
    long seed;

    @Option(names = "--to", paramLabel = "FILE", description = "where to write the shrunk scenario"
            + " (default: <out>/<scenario>/seed-<N>/shrunk.yaml)")
    Path to;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs", description = "run output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--max-candidates", paramLabel = "K", defaultValue = "400",
            description = "candidate runs at most (default: ${DEFAULT-VALUE})")
    int maxCandidates;

    @Option(names = "--budget", paramLabel = "D", defaultValue = "180s", description = "wall time at most (default: ${DEFAULT-VALUE})")
    String budget;

    private final PrintStream stdout = System.out;
    private final PrintStream stderr = System.err;

    @Override
    public Integer call() {
        Scenario scenario;
        Shrinker.Options options;
        try {
            scenario = ScenarioLoader.load(file);
            long budgetNanos = Durations.parseMicros(budget) * 1_000;
            if (maxCandidates < 1 || budgetNanos <= 0) {
                throw new IllegalArgumentException("--max-candidates at least 1 and --budget above 0");
            }
            options = new Shrinker.Options(maxCandidates, budgetNanos);
        } catch (IOException e) {
            stderr.println(file + ": cannot read the scenario file: " + e.getMessage());
            return MycelCommand.EXIT_BAD_INPUT;
        } catch (ScenarioException e) {
            e.problems().forEach(stderr::println);
            return MycelCommand.EXIT_BAD_INPUT;
        } catch (IllegalArgumentException e) {
            stderr.println("mycel shrink: " + e.getMessage());
            return MycelCommand.EXIT_BAD_INPUT;
        }
        Shrinker.Result result;
        try {
            result = Shrinker.shrink(scenario, seed, options,
                    (reduction, run) -> stderr.printf("  kept: %s (%,d events)%n", reduction, run.stats().events()));
        } catch (IllegalArgumentException e) {
            stderr.println("mycel shrink: " + e.getMessage());
            return 1;
        }
        Path target = to != null ? to : out.resolve(scenario.name()).resolve("seed-" + seed).resolve("shrunk.yaml");
        try {
            result.write(target);
        } catch (IOException e) {
            stderr.println("mycel shrink: cannot write " + target + ": " + e.getMessage());
            return MycelCommand.EXIT_BAD_INPUT;
        }
        print(stdout, result, target);
        return 0;
    }

    static void print(PrintStream out, Shrinker.Result r, Path written) {
        RunResult before = r.before();
        RunResult after = r.after();
        Scenario a = r.original();
        Scenario b = r.minimal();
        out.printf("%s seed %d fails %s; shrunk in %d candidate runs, %.1f s%s%n", a.name(), r.seed(), r.target(), r.candidates(),
                r.wallNanos() / 1e9, r.budgetSpent() ? " (budget spent: smaller may exist)" : "");
        out.printf("  events      %,d -> %,d (%.1f%%)%n", before.stats().events(), after.stats().events(),
                100.0 * after.stats().events() / Math.max(1, before.stats().events()));
        out.printf("  fault steps %d -> %d%n", r.faultStepsBefore(), r.faults().steps().size());
        out.printf("  duration    %s -> %s%n", Durations.format(a.durationMicros()), Durations.format(b.durationMicros()));
        out.printf("  nodes       %d -> %d%n", a.nodes().ids().size(), b.nodes().ids().size());
        out.printf("  clients     %d -> %d at %.1f/s -> %.1f/s, kinds %s -> %s%n", a.workload().clients(), b.workload().clients(),
                a.workload().ratePerSecond(), b.workload().ratePerSecond(), a.workload().mix().keySet(), b.workload().mix().keySet());
        out.printf("  operations  %,d -> %,d performed%s%n", before.operationCount(), after.operationCount(),
                b.workload().only() == null ? "" : ", only " + onlyYaml(b.workload().only()));
        out.println("  written: " + written);
        out.println("  replay:  ./mycel run " + written);
    }

    /** {@code {5: [0, 7], 6: [6]}}, as the scenario file writes it. */
    private static String onlyYaml(java.util.Map<Integer, java.util.List<Integer>> only) {
        java.util.List<String> clients = new java.util.ArrayList<>();
        only.forEach((client, ops) -> clients.add(client + ": " + ops));
        return "{" + String.join(", ", clients) + "}";
    }
}
