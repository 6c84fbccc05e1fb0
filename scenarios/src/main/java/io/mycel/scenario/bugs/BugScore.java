package io.mycel.scenario.bugs;

import io.mycel.scenario.bugs.PlantedBugs.PlantedBug;
import io.mycel.scenario.run.RunResult;
import io.mycel.scenario.shrink.Shrinker;
import io.mycel.scenario.sweep.Sweep;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The planted-bug score, the lab's measure of itself: for each planted bug, a sweep from the first
 * seed up, stopping at the first run that does not pass, within a wall-time budget. A bug is found
 * when some seed fails; the score reports how many seeds that took (the lowest failing seed, exact
 * even on several threads), how long, which checks caught it, and, when asked, how far that seed
 * shrinks (events before and after) with the candidate runs and time shrinking took.
 */
public final class BugScore {

    /**
     * One bug's result.
     *
     * @param seedsUntilFound seeds run in order up to and including the first failing one; -1 when not found
     * @param caughtBy the checks that did not pass on that seed (and "run broke" when node code threw)
     */
    public record Row(PlantedBug bug, boolean found, long firstFailingSeed, long seedsUntilFound, long seedsRun,
                      long seedsFailed, double wallSeconds, List<String> caughtBy, Shrunk shrunk) {

        /** The share of the seeds run that caught the bug (meaningful when the sweep did not stop at the first). */
        public double catchRate() {
            return seedsRun == 0 ? 0 : seedsFailed / (double) seedsRun;
        }
    }

    /** How far the first failing seed shrank: events before and after, fault steps left, and what it took. */
    public record Shrunk(long eventsBefore, long eventsAfter, int faultSteps, int candidates, double seconds) {
    }

    private BugScore() {
    }

    /**
     * @param catchRate sweep every seed of the range (within the budget) rather than stop at the
     *                  first failure, to report the share of seeds that catch each bug
     */
    public static List<Row> run(PrintStream out, List<PlantedBug> bugs, long firstSeed, long lastSeed, long budgetNanos, int jobs,
                                boolean catchRate, Shrinker.Options shrink) {
        out.printf("planted-bug score: each bug swept from seed %d to %d, %d thread%s, %.0f s budget each, %s%n",
                firstSeed, lastSeed, jobs, jobs == 1 ? "" : "s", budgetNanos / 1e9,
                catchRate ? "every seed (catch rate)" : "stopping at the first failure");
        out.printf("%-36s %-6s %8s %8s %12s %-28s %s%n", "planted bug", "found", "seeds", "seconds", "catch rate", "shrunk events",
                "caught by");
        List<Row> rows = new ArrayList<>();
        for (PlantedBug bug : bugs) {
            Sweep.Outcome o = Sweep.run(bug.scenario(), new Sweep.Options(firstSeed, lastSeed, jobs, budgetNanos, !catchRate, null),
                    (r, d, f) -> { });
            Row row = row(bug, o, firstSeed, shrink);
            rows.add(row);
            Shrunk sh = row.shrunk();
            out.printf("%-36s %-6s %8s %8.2f %12s %-28s %s%n", bug.name(), row.found() ? "yes" : "NO",
                    row.found() ? Long.toString(row.seedsUntilFound()) : ">" + row.seedsRun(), row.wallSeconds(),
                    catchRate ? row.seedsFailed() + "/" + row.seedsRun() : "-",
                    sh == null ? "-" : String.format("%,d->%,d (%d runs, %.0fs)", sh.eventsBefore(), sh.eventsAfter(), sh.candidates(),
                            sh.seconds()),
                    row.found() ? String.join(", ", row.caughtBy()) + " (seed " + row.firstFailingSeed() + ")" : "-");
        }
        long found = rows.stream().filter(Row::found).count();
        List<Long> seeds = rows.stream().filter(Row::found).map(Row::seedsUntilFound).sorted().toList();
        out.printf("found %d of %d planted bugs%s%n", found, rows.size(),
                seeds.isEmpty() ? "" : "; seeds until found: median " + seeds.get(seeds.size() / 2) + ", most " + seeds.get(seeds.size() - 1));
        return rows;
    }

    static Row row(PlantedBug bug, Sweep.Outcome o, long firstSeed, Shrinker.Options shrink) {
        if (o.failures().isEmpty()) {
            return new Row(bug, false, -1, -1, o.seedsRun(), 0, o.wallNanos() / 1e9, List.of(), null);
        }
        RunResult first = o.failures().get(0);
        List<String> caught = new ArrayList<>();
        if (first.error() != null) {
            caught.add("run broke");
        }
        first.notPassing().forEach(c -> caught.add(c.check()));
        Shrunk shrunk = null;
        if (shrink != null && Shrinker.targetOf(first) != null) {
            Shrinker.Result r = Shrinker.shrink(bug.scenario(), first.seed(), shrink, (w, x) -> { });
            shrunk = new Shrunk(r.before().stats().events(), r.after().stats().events(), r.faults().steps().size(), r.candidates(),
                    r.wallNanos() / 1e9);
        }
        return new Row(bug, true, first.seed(), first.seed() - firstSeed + 1, o.seedsRun(), o.failures().size(),
                o.wallNanos() / 1e9, caught, shrunk);
    }
}
