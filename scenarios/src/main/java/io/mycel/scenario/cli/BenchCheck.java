package io.mycel.scenario.cli;

import io.mycel.check.model.CheckSettings;
import io.mycel.check.model.Models;
import io.mycel.scenario.bench.CheckBench;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check", description = {
        "Check every history in the folders (or the files) several times in one process; print per file the",
        "median time to the verdict and to the evidence, the totals, and a textbook-WGL baseline with the ratio.",
        "Verdicts are compared with each folder's expected.tsv where there is one."})
final class BenchCheck implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "DIR", description = "folders of histories, or history files")
    List<Path> folders = List.of();

    @Option(names = "--generated", paramLabel = "SCALE", description = {
            "instead of files, check seeded histories shaped like Porcupine's etcd and c50 ones but SCALE",
            "times longer, linearizable ones and ones with a planted stale read"})
    Integer generatedScale;

    @Option(names = "--seeds", defaultValue = "4", description = "with --generated: histories of each shape and kind (default: ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--runs", defaultValue = "5", description = "measured runs per file (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--no-baseline", description = "skip the textbook-WGL baseline")
    boolean noBaseline;

    @Mixin
    ModelOptions modelOptions;

    @Override
    public Integer call() {
        CheckSettings options;
        try {
            options = modelOptions.resolve();
        } catch (IllegalArgumentException e) {
            System.err.println("mycel bench check: " + e.getMessage());
            return MycelCommand.EXIT_BAD_INPUT;
        }
        if (runs < 1) {
            System.err.println("mycel bench check: --runs must be at least 1");
            return MycelCommand.EXIT_BAD_INPUT;
        }
        if (generatedScale != null) {
            if (generatedScale < 1 || seeds < 1) {
                System.err.println("mycel bench check: --generated and --seeds must be at least 1");
                return MycelCommand.EXIT_BAD_INPUT;
            }
            return CheckBench.run(System.out, CheckBench.generated(generatedScale, seeds, options), runs,
                    options.budget(), !noBaseline);
        }
        if (folders.isEmpty()) {
            System.err.println("mycel bench check: give folders of histories, or --generated SCALE");
            return MycelCommand.EXIT_BAD_INPUT;
        }
        try {
            List<CheckBench.Case> cases = CheckBench.load(CheckBench.historyFiles(folders),
                    options::modelFor,
                    System.out);
            return CheckBench.run(System.out, cases, runs, options.budget(), !noBaseline);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("mycel bench check: " + e.getMessage());
            return MycelCommand.EXIT_BAD_INPUT;
        }
    }
}
