package io.mycel.scenario.cli;

import io.mycel.check.CheckResult;
import io.mycel.node.api.Durations;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.SeedRange;
import io.mycel.scenario.run.RunResult;
import io.mycel.scenario.sweep.Sweep;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sweep", description = {
        "Run many seeds of a scenario on several threads and summarise the failures by check.",
        "The lowest failing seeds are written out again (trace, history, verdict) to replay and inspect.",
        "Exit code: 0 when every seed came out as the file expects (all pass, or its planted bug caught),",
        "1 otherwise, 2 on a bad scenario or usage."})
final class SweepCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the scenario file (YAML)")
    Path file;

    @Option(names = "--seeds", paramLabel = "A..B", description = "the seeds to run (default: the file's)")
    String seeds;

    @Option(names = "--jobs", paramLabel = "N", description = "threads, one simulation each (default: the cores there are)")
    Integer jobs;

    @Option(names = "--time-budget", paramLabel = "D", description = "start no seed after this much wall time, e.g. 60s")
    String timeBudget;

    @Option(names = "--stop-at-first", description = "stop at the first failure (the lowest failing seed is exact)")
    boolean stopAtFirst;

    @Option(names = "--shrink", paramLabel = "N", defaultValue = "0",
            description = "shrink the N lowest failing seeds and group them by shrunk signature (default: ${DEFAULT-VALUE})")
    int shrink;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs",
            description = "where failing seeds are written: DIR/<scenario>/seed-<N>/ (default: ${DEFAULT-VALUE})")
    Path out;

    private final PrintStream stdout = System.out;
    private final PrintStream stderr = System.err;

    @Override
    public Integer call() {
        Scenario scenario = ScenarioFiles.load(file, stderr);
        if (scenario == null) {
            return MycelCommand.EXIT_BAD_INPUT;
        }
        Sweep.Options options;
        try {
            long[] range = seeds == null ? new long[] {scenario.firstSeed(), scenario.lastSeed()} : SeedRange.parse(seeds);
            int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
            if (threads < 1) {
                throw new IllegalArgumentException("--jobs: at least 1, got " + threads);
            }
            long budget = timeBudget == null ? 0 : Durations.parseMicros(timeBudget) * 1_000;
            options = new Sweep.Options(range[0], range[1], threads, budget, stopAtFirst, out);
        } catch (IllegalArgumentException e) {
            stderr.println("mycel sweep: " + e.getMessage());
            return MycelCommand.EXIT_BAD_INPUT;
        }
        long total = options.lastSeed() - options.firstSeed() + 1;
        SweepProgress progress = new SweepProgress(stderr, System.console() != null, scenario.name(), total);
        Sweep.Outcome outcome = Sweep.run(scenario, options, progress);
        progress.finish();
        print(stdout, outcome);
        if (shrink > 0 && !outcome.failures().isEmpty()) {
            ShrunkSignatures.print(stdout, stderr, scenario, outcome.failures(), shrink, out);
        }
        return outcome.unmet().isEmpty() && outcome.stopReason() == null ? 0 : 1;
    }

    static void print(PrintStream out, Sweep.Outcome outcome) {
        Scenario scenario = outcome.scenario();
        Sweep.Options options = outcome.options();
        out.printf("%s: %d of seeds %d..%d run on %d thread%s in %.1f s (%.1f seeds/s): %d passed, %d did not%n",
                scenario.name(), outcome.seedsRun(), options.firstSeed(), options.lastSeed(), options.jobs(),
                options.jobs() == 1 ? "" : "s", outcome.wallNanos() / 1e9, outcome.seedsPerSecond(),
                outcome.seedsRun() - outcome.failures().size(), outcome.failures().size());
        if (outcome.stopReason() != null) {
            out.println("  " + outcome.stopReason());
        }
        Map<String, List<Long>> byCheck = byCheck(outcome.failures());
        for (Map.Entry<String, List<Long>> e : byCheck.entrySet()) {
            out.printf("  %-24s %d seed%s: %s%n", e.getKey(), e.getValue().size(), e.getValue().size() == 1 ? "" : "s",
                    seedList(e.getValue()));
        }
        for (RunResult f : outcome.failures()) {
            if (f.outputDir() != null) {
                out.println("  seed " + f.seed() + ": " + firstFailure(f) + "\n    replay: " + f.replayCommand()
                        + "    output: " + f.outputDir());
            }
        }
        if (!scenario.expectedFailures().isEmpty()) {
            out.println("  expected to fail: " + String.join(", ", new java.util.TreeSet<>(scenario.expectedFailures()))
                    + (outcome.unmet().isEmpty() ? "; every seed run came out so"
                    : "; seeds that did not come out so: " + seedList(outcome.unmet())));
        } else if (!outcome.unmet().isEmpty()) {
            out.println("  seeds that did not pass: " + seedList(outcome.unmet()));
        }
    }

    /** Failing seeds grouped by each check that did not pass (and {@code run broke} for node code that threw). */
    static Map<String, List<Long>> byCheck(List<RunResult> failures) {
        Map<String, List<Long>> groups = new TreeMap<>();
        for (RunResult f : failures) {
            if (f.error() != null) {
                groups.computeIfAbsent("(run broke)", k -> new ArrayList<>()).add(f.seed());
            }
            for (CheckResult c : f.notPassing()) {
                groups.computeIfAbsent(c.check() + " " + c.verdict().label(), k -> new ArrayList<>()).add(f.seed());
            }
        }
        return groups;
    }

    private static String firstFailure(RunResult f) {
        if (f.error() != null) {
            return "the run broke: " + f.error();
        }
        return f.notPassing().stream().map(c -> c.check() + " " + c.verdict().label() + ": " + c.summary()).findFirst()
                .orElse("passed");
    }

    /** Up to ten seeds, then how many more. */
    private static String seedList(List<Long> seeds) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(10, seeds.size()); i++) {
            shown.add(Long.toString(seeds.get(i)));
        }
        return String.join(", ", shown) + (seeds.size() > 10 ? " and " + (seeds.size() - 10) + " more" : "");
    }
}
