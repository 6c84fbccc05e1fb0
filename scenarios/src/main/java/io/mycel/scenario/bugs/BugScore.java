package io.mycel.scenario.bugs;

import io.mycel.check.CheckResult;
import io.mycel.check.Verdict;
import io.mycel.scenario.bugs.PlantedBugs.PlantedBug;
import io.mycel.scenario.run.RunResult;
import io.mycel.scenario.sweep.Sweep;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The planted-bug score, the lab's measure of itself: for each planted bug, a sweep from the first
 * seed up, stopping at the first run that does not pass, within a wall-time budget. A bug is found
 * when some seed fails; the score reports how many seeds that took (the lowest failing seed, exact
 * even on several threads), how long, and which checks caught it.
 */
public final class BugScore {

    /**
     * One bug's result.
     *
     * @param seedsUntilFound seeds run in order up to and including the first failing one; -1 when not found
     * @param caughtBy the checks that did not pass on that seed (and "run broke" when node code threw)
     */
    public record Row(PlantedBug bug, boolean found, long firstFailingSeed, long seedsUntilFound, long seedsRun,
                      long seedsFailed, double wallSeconds, List<String> caughtBy) {

        /** The share of the seeds run that caught the bug (meaningful when the sweep did not stop at the first). */
        public double catchRate() {
            return seedsRun == 0 ? 0 : seedsFailed / (double) seedsRun;
        }
    }

    private BugScore() {
    }

    /**
     * @param catchRate sweep every seed of the range (within the budget) rather than stop at the
     *                  first failure, to report the share of seeds that catch each bug
     */
    public static List<Row> run(PrintStream out, List<PlantedBug> bugs, long firstSeed, long lastSeed, long budgetNanos, int jobs,
                                boolean catchRate) {
        out.printf("planted-bug score: each bug swept from seed %d to %d, %d thread%s, %.0f s budget each, %s%n",
                firstSeed, lastSeed, jobs, jobs == 1 ? "" : "s", budgetNanos / 1e9,
                catchRate ? "every seed (catch rate)" : "stopping at the first failure");
        out.printf("%-36s %-6s %8s %8s %12s %s%n", "planted bug", "found", "seeds", "seconds", "catch rate", "caught by");
        List<Row> rows = new ArrayList<>();
        for (PlantedBug bug : bugs) {
            Sweep.Outcome o = Sweep.run(bug.scenario(), new Sweep.Options(firstSeed, lastSeed, jobs, budgetNanos, !catchRate, null),
                    (r, d, f) -> { });
            Row row = row(bug, o, firstSeed);
            rows.add(row);
            out.printf("%-36s %-6s %8s %8.2f %12s %s%n", bug.name(), row.found() ? "yes" : "NO",
                    row.found() ? Long.toString(row.seedsUntilFound()) : ">" + row.seedsRun(), row.wallSeconds(),
                    catchRate ? row.seedsFailed() + "/" + row.seedsRun() : "-",
                    row.found() ? String.join(", ", row.caughtBy()) + " (seed " + row.firstFailingSeed() + ")" : "-");
        }
        long found = rows.stream().filter(Row::found).count();
        List<Long> seeds = rows.stream().filter(Row::found).map(Row::seedsUntilFound).sorted().toList();
        out.printf("found %d of %d planted bugs%s%n", found, rows.size(),
                seeds.isEmpty() ? "" : "; seeds until found: median " + seeds.get(seeds.size() / 2) + ", most " + seeds.get(seeds.size() - 1));
        return rows;
    }

    static Row row(PlantedBug bug, Sweep.Outcome o, long firstSeed) {
        if (o.failures().isEmpty()) {
            return new Row(bug, false, -1, -1, o.seedsRun(), 0, o.wallNanos() / 1e9, List.of());
        }
        RunResult first = o.failures().get(0);
        List<String> caught = new ArrayList<>();
        if (first.error() != null) {
            caught.add("run broke");
        }
        for (CheckResult c : first.checks()) {
            if (c.verdict() != Verdict.PASS) {
                caught.add(c.check());
            }
        }
        return new Row(bug, true, first.seed(), first.seed() - firstSeed + 1, o.seedsRun(), o.failures().size(),
                o.wallNanos() / 1e9, caught);
    }
}
