package io.mycel.scenario.cli;

import io.mycel.node.api.Durations;
import io.mycel.scenario.bugs.BugScore;
import io.mycel.scenario.bugs.PlantedBugs;
import io.mycel.scenario.load.ScenarioException;
import io.mycel.scenario.load.SeedRange;
import io.mycel.scenario.shrink.Shrinker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bugs", description = "The planted bugs of the scenario library, and how fast the lab finds them.",
        subcommands = {BugsCommand.ListBugs.class, BugsCommand.Score.class})
final class BugsCommand {

    static List<PlantedBugs.PlantedBug> load(Path library) throws IOException, ScenarioException {
        return PlantedBugs.in(library);
    }

    @Command(name = "list", description = "Every planted bug: its scenario, the checks that must catch it, what it is.")
    static final class ListBugs implements Callable<Integer> {

        @Option(names = "--library", paramLabel = "DIR", defaultValue = "scenarios/library",
                description = "the scenario library (default: ${DEFAULT-VALUE})")
        Path library;

        @Override
        public Integer call() {
            try {
                for (PlantedBugs.PlantedBug bug : load(library)) {
                    System.out.printf("%-36s %-42s %s%n", bug.name(),
                            String.join(", ", new java.util.TreeSet<>(bug.scenario().expectedFailures())), bug.what());
                }
                return 0;
            } catch (IOException e) {
                System.err.println("mycel bugs list: cannot read " + library + ": " + e.getMessage());
            } catch (ScenarioException e) {
                e.problems().forEach(System.err::println);
            }
            return MycelCommand.EXIT_BAD_INPUT;
        }
    }

    @Command(name = "score", description = {
            "Sweep each planted bug from its first seed, stopping at the first failing run, within a budget;",
            "report found or not, seeds until found and the checks that caught it.",
            "Exit code: 0 when every planted bug was found, 1 otherwise, 2 on bad input."})
    static final class Score implements Callable<Integer> {

        @Option(names = "--library", paramLabel = "DIR", defaultValue = "scenarios/library",
                description = "the scenario library (default: ${DEFAULT-VALUE})")
        Path library;

        @Option(names = "--seeds", paramLabel = "A..B", defaultValue = "1..200", description = "seeds to try, in order (default: ${DEFAULT-VALUE})")
        String seeds;

        @Option(names = "--budget", paramLabel = "D", defaultValue = "60s", description = "wall time per bug (default: ${DEFAULT-VALUE})")
        String budget;

        @Option(names = "--jobs", paramLabel = "N", description = "threads (default: the cores there are)")
        Integer jobs;

        @Option(names = "--catch-rate", description = "run every seed of the range, not just up to the first failure, and report the share that catches each bug")
        boolean catchRate;

        @Option(names = "--shrink", description = "shrink each bug's first failing seed and report events before and after")
        boolean shrink;

        @Override
        public Integer call() {
            try {
                long[] range = SeedRange.parse(seeds);
                long budgetNanos = Durations.parseMicros(budget) * 1_000;
                int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
                if (threads < 1 || budgetNanos <= 0) {
                    throw new IllegalArgumentException("--jobs at least 1 and --budget above 0");
                }
                List<BugScore.Row> rows = BugScore.run(System.out, load(library), range[0], range[1], budgetNanos, threads, catchRate,
                        shrink ? Shrinker.Options.DEFAULT : null);
                return rows.stream().allMatch(BugScore.Row::found) ? 0 : 1;
            } catch (IllegalArgumentException e) {
                System.err.println("mycel bugs score: " + e.getMessage());
            } catch (IOException e) {
                System.err.println("mycel bugs score: cannot read " + library + ": " + e.getMessage());
            } catch (ScenarioException e) {
                e.problems().forEach(System.err::println);
            }
            return MycelCommand.EXIT_BAD_INPUT;
        }
    }
}
