package io.mycel.scenario.cli;

import io.mycel.mc.explore.Report;
import io.mycel.mc.explore.Strategy;
import io.mycel.mc.state.VisitedStates;
import io.mycel.mc.system.ClientSpec;
import io.mycel.node.api.Durations;
import io.mycel.scenario.ModelCheck;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioWriter;
import io.mycel.scenario.mc.ModelCheckRun;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "mc", description = {
        "Model-check a scenario: explore every state of its model-check system within the budgets, checking "
                + "its invariants and history checks in each, or replay the fixed schedule the file holds.",
        "Exit code: 0 when nothing failed, 1 when a check failed, 2 on a bad scenario or usage."})
final class McCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the scenario file (YAML) with a model-check section")
    Path file;

    @Option(names = "--strategy", paramLabel = "bfs|dfs", description = "breadth-first (shortest counterexample) or depth-first")
    String strategy;

    @Option(names = "--max-depth", paramLabel = "D", description = "explore no path longer than D steps")
    Integer maxDepth;

    @Option(names = "--max-states", paramLabel = "S", description = "stop after S distinct states")
    Long maxStates;

    @Option(names = "--max-time", paramLabel = "T", description = "stop after this much wall-clock time, such as 60s")
    String maxTime;

    @Option(names = "--reduction", paramLabel = "none|symmetry|sleep-sets",
            description = "symmetry: servers are interchangeable (the program must treat lists of node ids as sets); "
                    + "sleep-sets: skip steps that commute with one explored before")
    String reduction;

    @Option(names = "--storage", paramLabel = "hash|full", description = "keep states as 64-bit hashes or whole")
    String storage;

    @Option(names = "--goal-paths", description = "print the path found to each goal, as schedule steps (a prefix to explore from)")
    boolean goalPaths;

    @Option(names = "--without-bug", description = "explore the same system with its planted bug removed (the program's "
            + "bug option at its default): what the correct code gives within the same budgets")
    boolean withoutBug;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs",
            description = "where a counterexample is written: DIR/<scenario>/model-check/ (default: ${DEFAULT-VALUE})")
    Path out;

    private final PrintStream stdout = System.out;
    private final PrintStream stderr = System.err;

    @Override
    public Integer call() {
        Scenario scenario = ScenarioFiles.load(file, stderr);
        if (scenario == null) {
            return MycelCommand.EXIT_BAD_INPUT;
        }
        if (scenario.modelCheck() == null) {
            stderr.println(file + ": no model-check section; add one such as\n"
                    + "model-check:\n  max-depth: 16\n  clients:\n    - {node: n1, ops: [put]}\n  faults: {crashes: 1}");
            return MycelCommand.EXIT_BAD_INPUT;
        }
        Scenario chosen;
        try {
            chosen = scenario.withModelCheck(overridden(scenario.modelCheck()));
            if (withoutBug) {
                chosen = chosen.withoutPlantedBug();
            }
        } catch (IllegalArgumentException e) {
            stderr.println("mycel mc: " + e.getMessage());
            return MycelCommand.EXIT_BAD_INPUT;
        }
        ModelCheckRun.Outcome outcome;
        try {
            outcome = ModelCheckRun.run(chosen, out);
        } catch (IllegalArgumentException e) {
            stderr.println(e.getMessage());
            return MycelCommand.EXIT_BAD_INPUT;
        }
        print(chosen, outcome);
        return outcome.violation() == null ? 0 : 1;
    }

    private ModelCheck overridden(ModelCheck mc) {
        Strategy s = mc.strategy();
        if (strategy != null) {
            s = switch (strategy) {
                case "bfs" -> Strategy.BFS;
                case "dfs" -> Strategy.DFS;
                default -> throw new IllegalArgumentException("--strategy: bfs or dfs, got '" + strategy + "'");
            };
        }
        double seconds = maxTime == null ? mc.maxSeconds() : Durations.parseMicros(maxTime) / 1e6;
        ModelCheck changed = mc.withBudgets(s, maxDepth == null ? mc.maxDepth() : maxDepth,
                maxStates == null ? mc.maxStates() : maxStates, seconds);
        if (reduction != null) {
            ModelCheck.Reduction r = ModelCheck.Reduction.of(reduction);
            if (r == null) {
                throw new IllegalArgumentException("--reduction: none, symmetry or sleep-sets, got '" + reduction + "'");
            }
            changed = changed.withReduction(r);
        }
        if (storage != null) {
            changed = changed.withStorage(switch (storage) {
                case "hash" -> VisitedStates.Kind.HASH;
                case "full" -> VisitedStates.Kind.FULL;
                default -> throw new IllegalArgumentException("--storage: hash or full, got '" + storage + "'");
            });
        }
        return changed;
    }

    private void print(Scenario s, ModelCheckRun.Outcome o) {
        ModelCheck mc = s.modelCheck();
        List<String> clients = new ArrayList<>();
        for (ClientSpec c : mc.clients()) {
            clients.add(String.join(" ", c.operations()) + " at " + c.server());
        }
        stdout.printf("%s: model check of %d servers (%s), clients: %s; faults: %d crashes, %d drops, %d duplicates%n",
                s.name(), s.nodes().ids().size(), s.nodes().program().name(), clients.isEmpty() ? "none" : String.join("; ", clients),
                mc.faults().crashes(), mc.faults().drops(), mc.faults().duplicates());
        Report r = o.report();
        if (r != null) {
            printReport(r, s);
        } else {
            stdout.printf("  replayed %d scheduled steps of %d%n", o.path().size(), mc.schedule().size());
        }
        stdout.printf("  %-22s %-8s %s%n", "check", "verdict", "evidence");
        for (String check : s.checks()) {
            boolean failed = o.violation() != null && o.violation().property().equals(check);
            String evidence = failed ? "after " + o.path().size() + " steps: " + o.violation().message()
                    : r == null ? "held after every step" : coverage(r);
            stdout.printf("  %-22s %-8s %s%n", check, failed ? "fail" : "pass", evidence);
        }
        if (o.violation() != null && !s.checks().contains(o.violation().property())) {
            stdout.printf("  %-22s %-8s %s%n", o.violation().property(), "fail", o.violation().message());
        }
        if (o.violation() != null) {
            stdout.println(mc.prefix().isEmpty() ? "  path:" : "  path (the prefix, then what was found):");
            for (int i = 0; i < o.path().size(); i++) {
                stdout.printf("  %4d  %s%n", i + 1, ScenarioWriter.scheduleStep(o.path().get(i)));
            }
        }
        if (o.trace() != null) {
            stdout.println("  trace: " + o.trace());
        }
        if (o.counterexample() != null) {
            stdout.println("FAIL: replay with  ./mycel mc " + o.counterexample());
        }
    }

    private void printReport(Report r, Scenario s) {
        ModelCheck mc = s.modelCheck();
        stdout.printf(Locale.ROOT, "  explored %,d distinct states (%,d expanded, %,d transitions) in %.2f s: %,.0f states/s%n",
                r.distinctStates(), r.statesExpanded(), r.transitions(), r.seconds(), r.statesPerSecond());
        stdout.printf(Locale.ROOT, "  %s, %s%s; %s, %.1f bytes a state; heap in use %d MB%n",
                r.strategy().name().toLowerCase(Locale.ROOT), coverage(r),
                mc.reduction() == ModelCheck.Reduction.NONE ? "" : ", reduced by " + mc.reduction().label(),
                r.storage(), r.bytesPerState(), r.heapBytes() >> 20);
        for (Report.GoalResult g : r.goals()) {
            stdout.printf("  goal %s: %s%n", g.name(), g.reached() ? "reached in " + g.path().size() + " steps" : "not reached");
            if (goalPaths && g.reached()) {
                for (ModelCheck.ScheduledStep step : ModelCheckRun.describe(s, g.path())) {
                    stdout.println("      - " + ScenarioWriter.scheduleStep(step));
                }
            }
        }
    }

    private static String coverage(Report r) {
        String deepest = "deepest path " + r.depthReached();
        if (r.complete()) {
            return "every state within " + r.completedDepth() + " steps explored (" + deepest + ")";
        }
        String covered = r.completedDepth() >= 0 ? "every state within " + r.completedDepth() + " steps explored"
                : "no depth fully explored";
        return covered + ", " + deepest + (r.stoppedBy() != null ? "; stopped by the " + r.stoppedBy() + " budget" : "");
    }
}
