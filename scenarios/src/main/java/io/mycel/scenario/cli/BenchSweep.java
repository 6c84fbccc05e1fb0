package io.mycel.scenario.cli;

import io.mycel.scenario.Scenario;
import io.mycel.scenario.bench.SweepBench;
import io.mycel.scenario.load.ScenarioException;
import io.mycel.scenario.load.ScenarioLoader;
import io.mycel.scenario.load.SeedRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sweep", description = {
        "Seeds per second of sweeps of each scenario (by default every file of the library) on one",
        "thread and on --jobs threads, over the same seeds in the same process; the ratio is the speed-up."})
final class BenchSweep implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "scenario files or folders (default: scenarios/library)")
    List<Path> files = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "A..B", defaultValue = "1..40", description = "seeds timed (default: ${DEFAULT-VALUE})")
    String seeds;

    @Option(names = "--jobs", paramLabel = "N", description = "threads to compare with one (default: the cores there are)")
    Integer jobs;

    @Override
    public Integer call() {
        List<Scenario> scenarios = new ArrayList<>();
        long[] range;
        try {
            range = SeedRange.parse(seeds);
            List<Path> paths = files.isEmpty() ? List.of(Path.of("scenarios", "library")) : files;
            for (Path path : paths) {
                for (Path file : scenarioFiles(path)) {
                    scenarios.add(ScenarioLoader.load(file));
                }
            }
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("mycel bench sweep: " + e.getMessage());
            return MycelCommand.EXIT_BAD_INPUT;
        } catch (ScenarioException e) {
            e.problems().forEach(System.err::println);
            return MycelCommand.EXIT_BAD_INPUT;
        }
        int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (threads < 2 || scenarios.isEmpty()) {
            System.err.println("mycel bench sweep: need --jobs of at least 2 and a scenario file");
            return MycelCommand.EXIT_BAD_INPUT;
        }
        SweepBench.run(System.out, scenarios, range[0], range[1], threads);
        return 0;
    }

    /** The file itself, or a folder's .yaml files in name order. */
    static List<Path> scenarioFiles(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> list = Files.list(path)) {
            return list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
