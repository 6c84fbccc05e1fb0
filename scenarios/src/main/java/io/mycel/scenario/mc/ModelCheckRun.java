package io.mycel.scenario.mc;

import io.mycel.mc.explore.ExploreOptions;
import io.mycel.mc.explore.Explorer;
import io.mycel.mc.explore.Report;
import io.mycel.mc.system.SystemSpec;
import io.mycel.mc.system.Violation;
import io.mycel.scenario.ModelCheck;
import io.mycel.scenario.ModelCheck.ScheduledStep;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioWriter;
import io.mycel.mc.system.Step;
import io.mycel.sim.JsonTraceWriter;
import io.mycel.sim.TraceSink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Model-checks a scenario: explores its {@code model-check} system, or replays the fixed schedule
 * the section holds. A violation found by exploring is replayed once more to write its trace
 * ({@code trace.jsonl}, the simulator's format) and a scenario file holding its path as a schedule
 * ({@code counterexample.yaml}), which {@code mycel mc} replays to the same violation.
 */
public final class ModelCheckRun {

    /**
     * @param report the exploration's report, or null for a replayed schedule
     * @param violation what failed, or null
     * @param path the steps from the initial state to the violation, prefix included, as a file writes them
     *             (for a replay, the steps taken)
     * @param trace the trace written, or null
     * @param counterexample the scenario file written for a violation found by exploring, or null
     */
    public record Outcome(Report report, Violation violation, List<ScheduledStep> path, Path trace,
                          Path counterexample) {
    }

    private ModelCheckRun() {
    }

    /**
     * @throws IllegalArgumentException when the scenario asks what a model checker cannot judge, or
     *                                  its schedule cannot be followed (saying where)
     */
    public static Outcome run(Scenario scenario, Path outRoot) {
        String unsupported = McSetup.unsupported(scenario);
        if (unsupported != null) {
            throw new IllegalArgumentException(scenario.source() + ": " + unsupported);
        }
        Path dir = outRoot.resolve(scenario.name()).resolve("model-check");
        SystemSpec spec = McSetup.system(scenario);
        ModelCheck mc = scenario.modelCheck();
        if (!mc.schedule().isEmpty()) {
            Path trace = dir.resolve("trace.jsonl");
            Replayer.Result r = write(trace, scenario, sink -> Replayer.schedule(spec, McSetup.properties(scenario), mc.schedule(), sink));
            return new Outcome(null, r.violation(), r.steps(), trace, null);
        }
        Replayer.Result prefix = Replayer.schedule(spec, McSetup.properties(scenario), mc.prefix(), TraceSink.NONE);
        if (prefix.violation() != null) {
            Path trace = dir.resolve("trace.jsonl");
            Replayer.Result r = write(trace, scenario, sink -> Replayer.path(spec, McSetup.properties(scenario), prefix.taken(), sink));
            return new Outcome(null, r.violation(), r.steps(), trace, null);
        }
        ExploreOptions options = McSetup.options(scenario);
        Report report = Explorer.explore(spec, options, prefix.taken());
        if (report.violation() == null) {
            return new Outcome(report, null, List.of(), null, null);
        }
        List<Step> whole = new ArrayList<>(prefix.taken());
        whole.addAll(report.violation().path());
        Path trace = dir.resolve("trace.jsonl");
        Replayer.Result r = write(trace, scenario, sink -> Replayer.path(spec, McSetup.properties(scenario), whole, sink));
        Path counterexample = dir.resolve("counterexample.yaml");
        String comment = "Found by mycel mc on " + scenario.source() + ": " + report.violation().violation().property()
                + " fails after " + r.steps().size() + " steps.\n" + report.violation().violation().message()
                + "\nReplay it with:  ./mycel mc " + counterexample;
        Scenario shown = scenario.renamed(scenario.name() + "-counterexample", scenario.expectedFailures())
                .withModelCheck(mc.withSchedule(r.steps()));
        try {
            Files.createDirectories(dir);
            Files.writeString(counterexample, ScenarioWriter.toYaml(shown, comment, scenario.firstSeed(), scenario.faults()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Outcome(report, report.violation().violation(), r.steps(), trace, counterexample);
    }

    /**
     * Explores the scenario's system from the end of its prefix with its options as {@code adjust}
     * changes them (a benchmark's variations), writing nothing.
     */
    public static Report explore(Scenario scenario, java.util.function.UnaryOperator<ExploreOptions> adjust) {
        SystemSpec spec = McSetup.system(scenario);
        Replayer.Result prefix = Replayer.schedule(spec, McSetup.properties(scenario), scenario.modelCheck().prefix(),
                TraceSink.NONE);
        return Explorer.explore(spec, adjust.apply(McSetup.options(scenario)), prefix.taken());
    }

    /**
     * A path the explorer reported (to a goal, say), from the end of the scenario's prefix, as a file
     * writes its steps, the prefix included.
     */
    public static List<ScheduledStep> describe(Scenario scenario, List<Step> path) {
        SystemSpec spec = McSetup.system(scenario);
        Replayer.Result prefix = Replayer.schedule(spec, List.of(), scenario.modelCheck().prefix(), TraceSink.NONE);
        List<Step> whole = new ArrayList<>(prefix.taken());
        whole.addAll(path);
        return Replayer.path(spec, List.of(), whole, TraceSink.NONE).steps();
    }

    private interface TraceJob {
        Replayer.Result run(JsonTraceWriter sink);
    }

    /** Writes a trace: the run's header, as the simulator writes it (with its mode), then what {@code job} replays. */
    private static Replayer.Result write(Path file, Scenario scenario, TraceJob job) {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file); JsonTraceWriter sink = new JsonTraceWriter(out)) {
                SystemSpec spec = McSetup.system(scenario);
                sink.record(0, "run", "scenario", scenario.name(), "seed", spec.seed(), "program", spec.program().name(),
                        "nodes", spec.servers().stream().map(n -> n.name()).toList(),
                        "clients", spec.clients().stream().map(c -> c.id().name()).toList(), "mode", "model-check");
                return job.run(sink);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
