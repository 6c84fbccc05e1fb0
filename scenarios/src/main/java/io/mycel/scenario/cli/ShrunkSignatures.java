package io.mycel.scenario.cli;

import io.mycel.faults.FaultPlan;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.run.RunResult;
import io.mycel.scenario.shrink.Shrinker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Shrinks a sweep's lowest failing seeds and groups them by what they shrank to: the check that
 * fails, the kinds of fault left, and the node count. Seeds with one signature are most likely one
 * bug met again; each group names its smallest shrunk scenario.
 */
final class ShrunkSignatures {

    private ShrunkSignatures() {
    }

    static void print(PrintStream out, PrintStream err, Scenario scenario, List<RunResult> failures, int count, Path runs) {
        Map<String, List<Shrinker.Result>> groups = new TreeMap<>();
        for (RunResult f : failures.subList(0, Math.min(count, failures.size()))) {
            if (Shrinker.targetOf(f) == null) {
                continue;   // undecided, not failed: nothing to shrink towards
            }
            err.println("shrinking seed " + f.seed() + " ...");
            Shrinker.Result r = Shrinker.shrink(scenario, f.seed(), Shrinker.Options.DEFAULT, (w, x) -> { });
            groups.computeIfAbsent(signature(r), k -> new ArrayList<>()).add(r);
        }
        out.println("  shrunk signatures (check | faults left | nodes):");
        for (Map.Entry<String, List<Shrinker.Result>> g : groups.entrySet()) {
            Shrinker.Result smallest = g.getValue().stream()
                    .min(java.util.Comparator.comparingLong(r -> r.after().stats().events())).orElseThrow();
            Path file = runs.resolve(scenario.name()).resolve("seed-" + smallest.seed()).resolve("shrunk.yaml");
            try {
                smallest.write(file);
            } catch (IOException e) {
                file = null;
            }
            out.printf("    %s: seeds %s; smallest %,d events%s%n", g.getKey(),
                    g.getValue().stream().map(r -> Long.toString(r.seed())).toList(), smallest.after().stats().events(),
                    file == null ? "" : ", ./mycel run " + file);
        }
    }

    static String signature(Shrinker.Result r) {
        TreeSet<String> kinds = new TreeSet<>();
        for (FaultPlan.Step step : r.faults().steps()) {
            String yaml = step.fault().toYaml();
            kinds.add(yaml.substring(0, yaml.indexOf(':') < 0 ? yaml.length() : yaml.indexOf(':')));
        }
        return r.target() + " | " + (kinds.isEmpty() ? "no faults" : String.join(", ", kinds)) + " | "
                + r.minimal().nodes().ids().size() + " nodes";
    }
}
