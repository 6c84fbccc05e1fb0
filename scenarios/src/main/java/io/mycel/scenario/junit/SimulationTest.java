package io.mycel.scenario.junit;

import io.mycel.check.CheckResult;
import io.mycel.check.Verdict;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioException;
import io.mycel.scenario.load.ScenarioLoader;
import io.mycel.scenario.run.RunResult;
import io.mycel.scenario.run.ScenarioRunner;
import io.mycel.scenario.shrink.Shrinker;
import io.mycel.scenario.sweep.Sweep;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * A simulation test as a JUnit 5 test method: a scenario (a file, or one built in code with
 * {@link ScenarioBuilder}), a seed range, the checks that must hold, and on failure an assertion
 * error that gives the seed, the command that replays it and the path of the shrunk scenario.
 *
 * <pre>{@code
 * @Test
 * void theRegistryFreesDeadTasksNames() {
 *     SimulationTest.of(Path.of("scenarios/library/raft-kv-registry.yaml"))
 *             .seeds(1, 50)
 *             .checks("linearizable-registry", "names-released")
 *             .assertEveryRunAsExpected();
 * }
 * }</pre>
 *
 * Seeds run in parallel ({@link #jobs}); the lowest seed that does not come out as the scenario
 * expects (all checks pass, or exactly the ones it plants a bug for fail) is shrunk, within a
 * budget, and written under {@code target/mycel-shrunk/}. {@link #perSeed()} gives one dynamic test
 * per seed instead, for a {@code @TestFactory}.
 */
public final class SimulationTest {

    private final Scenario scenario;
    private long firstSeed;
    private long lastSeed;
    private int jobs = Runtime.getRuntime().availableProcessors();
    private Duration shrinkBudget = Duration.ofSeconds(60);
    private Path shrunkDir = Path.of("target", "mycel-shrunk");

    private SimulationTest(Scenario scenario) {
        this.scenario = scenario;
        this.firstSeed = scenario.firstSeed();
        this.lastSeed = scenario.lastSeed();
    }

    /** The scenario of a file, with the file's seeds until {@link #seeds} says otherwise. */
    public static SimulationTest of(Path file) {
        try {
            return new SimulationTest(ScenarioLoader.load(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the scenario " + file, e);
        } catch (ScenarioException e) {
            throw new IllegalArgumentException("the scenario " + file + " has mistakes:\n" + String.join("\n", e.problems()), e);
        }
    }

    /** A scenario built in code; it is written under {@code target/mycel-scenarios/} so a failure can be replayed. */
    public static SimulationTest of(ScenarioBuilder built) {
        return new SimulationTest(built.load(Path.of("target", "mycel-scenarios")));
    }

    public SimulationTest seeds(long first, long last) {
        if (last < first) {
            throw new IllegalArgumentException("seeds low end first, got " + first + ".." + last);
        }
        this.firstSeed = first;
        this.lastSeed = last;
        return this;
    }

    /** Judge only these of the scenario's checks. */
    public SimulationTest checks(String... names) {
        return new SimulationTest(scenario.withChecks(Arrays.asList(names))).seeds(firstSeed, lastSeed).jobs(jobs)
                .shrinkBudget(shrinkBudget).shrunkTo(shrunkDir);
    }

    public SimulationTest jobs(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("at least one job, got " + threads);
        }
        this.jobs = threads;
        return this;
    }

    /** How long shrinking a failure may take; zero to report the failing seed unshrunk. */
    public SimulationTest shrinkBudget(Duration budget) {
        this.shrinkBudget = budget;
        return this;
    }

    public SimulationTest shrunkTo(Path dir) {
        this.shrunkDir = dir;
        return this;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** Runs every seed; throws for the lowest seed that did not come out as the scenario expects. */
    public void assertEveryRunAsExpected() {
        Sweep.Outcome outcome = Sweep.run(scenario, new Sweep.Options(firstSeed, lastSeed, jobs, 0, false, null), (r, d, f) -> { });
        if (outcome.unmet().isEmpty()) {
            return;
        }
        long seed = outcome.unmet().get(0);
        RunResult run = ScenarioRunner.run(scenario, seed, null, null);
        throw new AssertionFailedError(report(run) + "\n  (" + outcome.unmet().size() + " of " + outcome.seedsRun()
                + " seeds did not come out as expected: " + outcome.unmet() + ")");
    }

    /** One dynamic test per seed, each failing as {@link #assertEveryRunAsExpected} would for it. */
    public Stream<DynamicTest> perSeed() {
        return LongStream.rangeClosed(firstSeed, lastSeed).mapToObj(seed -> DynamicTest.dynamicTest(scenario.name() + " seed " + seed, () -> {
            RunResult run = ScenarioRunner.run(scenario, seed, null, null);
            if (!run.meetsExpectation()) {
                throw new AssertionFailedError(report(run));
            }
        }));
    }

    /** What went wrong on this seed, how to replay it, and where its shrunk scenario is. */
    private String report(RunResult run) {
        List<String> lines = new ArrayList<>();
        lines.add(scenario.name() + " seed " + run.seed() + " did not come out as expected"
                + (scenario.expectedFailures().isEmpty() ? "" : " (expected to fail: " + scenario.expectedFailures() + ")") + ":");
        if (run.error() != null) {
            lines.add("  the run broke: " + run.error());
        }
        for (CheckResult c : run.checks()) {
            Verdict expected = scenario.expectedFailures().contains(c.check()) ? Verdict.FAIL : Verdict.PASS;
            if (c.verdict() != expected) {
                lines.add("  " + c.check() + " " + c.verdict().label() + ": " + c.summary());
            }
        }
        lines.add("  replay: " + run.replayCommand());
        lines.add("  " + shrink(run));
        return String.join("\n", lines);
    }

    private String shrink(RunResult run) {
        if (shrinkBudget.isZero() || Shrinker.targetOf(run) == null) {
            return "not shrunk" + (Shrinker.targetOf(run) == null ? " (no check failed: a planted bug went uncaught)" : "");
        }
        try {
            Shrinker.Result r = Shrinker.shrink(scenario, run.seed(), new Shrinker.Options(400, shrinkBudget.toNanos()), (w, x) -> { });
            Path file = shrunkDir.resolve(scenario.name() + "-seed-" + run.seed() + ".yaml");
            r.write(file);
            return String.format("shrunk: %s (%,d -> %,d events, %d fault steps; replay: ./mycel run %s)", file,
                    r.before().stats().events(), r.after().stats().events(), r.faults().steps().size(), file);
        } catch (IOException | RuntimeException e) {
            return "not shrunk: " + e.getMessage();
        }
    }
}
