package io.mycel.scenario.bench;

import io.mycel.mc.explore.ExploreOptions;
import io.mycel.mc.explore.Report;
import io.mycel.mc.state.VisitedStates;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.mc.ModelCheckRun;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The model checker's benchmark: one scenario's exploration to its depth, plainly and with each
 * reduction, with states kept as hashes and whole, in one process (after a warm-up run), so the
 * ratios against the plain run with hashes compare like with like.
 */
public final class McBench {

    private record Variant(String name, UnaryOperator<ExploreOptions> adjust) {
    }

    private McBench() {
    }

    public static void run(PrintStream out, Scenario scenario, int depth) {
        List<Variant> variants = List.of(
                new Variant("none, hashes", o -> o),
                new Variant("none, full states", o -> o.withStorage(VisitedStates.Kind.FULL)),
                new Variant("symmetry, hashes", o -> o.withSleepSets(false).withSymmetry(true)),
                new Variant("sleep sets, hashes", o -> o.withSymmetry(false).withSleepSets(true)));
        UnaryOperator<ExploreOptions> base = o -> o.withSymmetry(false).withSleepSets(false)
                .withStorage(VisitedStates.Kind.HASH).withBudgets(depth, Long.MAX_VALUE / 2, 3600);
        out.printf(Locale.ROOT, "%s: exploring to depth %d from the end of its prefix (%d steps)%n", scenario.name(), depth,
                scenario.modelCheck().prefix().size());
        ModelCheckRun.explore(scenario, o -> base.apply(o).withBudgets(Math.min(depth, 4), Long.MAX_VALUE / 2, 60));
        out.printf(Locale.ROOT, "  %-20s %12s %12s %9s %11s %14s %11s %8s%n", "reduction, storage", "states",
                "transitions", "seconds", "states/s", "transitions/s", "bytes/state", "vs plain");
        double baseline = 0;
        for (Variant v : variants) {
            System.gc();
            Report r = ModelCheckRun.explore(scenario, o -> v.adjust().apply(base.apply(o)));
            if (baseline == 0) {
                baseline = r.seconds();
            }
            out.printf(Locale.ROOT, "  %-20s %,12d %,12d %9.2f %,11.0f %,14.0f %11.1f %7.2fx%s%n", v.name(), r.distinctStates(),
                    r.transitions(), r.seconds(), r.statesPerSecond(), r.transitions() / r.seconds(), r.bytesPerState(),
                    baseline / r.seconds(), r.violation() != null ? "  (found " + r.violation().violation().property()
                            + " at depth " + r.violation().path().size() + ")" : "");
        }
        out.println("  vs plain: how many times faster than the plain exploration with hashes; a run that finds a");
        out.println("  violation stops there, so compare those by the time to find it.");
    }
}
