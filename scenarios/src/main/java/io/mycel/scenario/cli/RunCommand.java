package io.mycel.scenario.cli;

import io.mycel.check.Verdict;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.SeedRange;
import io.mycel.scenario.run.RunResult;
import io.mycel.scenario.run.ScenarioRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = {
        "Run a scenario in the simulator and print a verdict table.",
        "Exit code: 0 when every check passes, 1 when any fails (or cannot decide), 2 on a bad scenario or usage."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the scenario file (YAML)")
    Path file;

    @Option(names = "--seed", paramLabel = "N", description = "run this one seed")
    Long seed;

    @Option(names = "--seeds", paramLabel = "A..B", description = "run these seeds (inclusive)")
    String seeds;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs",
            description = "where runs are written: DIR/<scenario>/seed-<N>/ (default: ${DEFAULT-VALUE})")
    Path out;

    private final PrintStream stdout = System.out;
    private final PrintStream stderr = System.err;

    @Override
    public Integer call() {
        Scenario scenario = ScenarioFiles.load(file, stderr);
        if (scenario == null) {
            return MycelCommand.EXIT_BAD_INPUT;
        }
        if (scenario.modelCheck() != null && !scenario.modelCheck().schedule().isEmpty()) {
            // A counterexample the model checker wrote: its schedule is the run, step for step.
            stderr.println("mycel run: " + file + " holds a model-check schedule; replaying it as mycel mc does");
            McCommand replay = new McCommand();
            replay.file = file;
            replay.out = out;
            return replay.call();
        }
        long[] range;
        try {
            range = seedRange(scenario);
        } catch (IllegalArgumentException e) {
            stderr.println("mycel run: " + e.getMessage());
            return MycelCommand.EXIT_BAD_INPUT;
        }
        List<RunResult> failed = new ArrayList<>();
        long count = range[1] - range[0] + 1;
        for (long s = range[0]; s <= range[1]; s++) {
            ProgressBar bar = new ProgressBar(stderr, System.console() != null,
                    ScenarioRunner.endMicros(scenario),
                    scenario.name() + " seed " + s);
            long startNanos = System.nanoTime();
            RunResult result = ScenarioRunner.run(scenario, s, out, bar);
            double wallSeconds = (System.nanoTime() - startNanos) / 1e9;
            bar.finish();
            if (result.verdict() != Verdict.PASS) {
                failed.add(result);
            }
            boolean details = count == 1 || result.verdict() != Verdict.PASS;
            VerdictTable.print(stdout, result, wallSeconds, details);
            if (details && scenario.draws() != null) {
                stdout.println("  drawn:  " + String.join(", ", scenario.draws().values(s)));
            }
        }
        if (count > 1) {
            stdout.printf("%n%s: %d seeds, %d passed, %d did not%n", scenario.name(), count, count - failed.size(), failed.size());
        }
        for (RunResult f : failed) {
            stdout.println(f.verdict().label().toUpperCase(java.util.Locale.ROOT) + " seed " + f.seed() + ": replay with  " + f.replayCommand());
        }
        return failed.isEmpty() ? 0 : 1;
    }

    private long[] seedRange(Scenario scenario) {
        if (seed != null && seeds != null) {
            throw new IllegalArgumentException("give --seed or --seeds, not both");
        }
        if (seed != null) {
            return new long[] {seed, seed};
        }
        if (seeds != null) {
            return SeedRange.parse(seeds);
        }
        return new long[] {scenario.firstSeed(), scenario.lastSeed()};
    }
}
