package io.mycel.scenario.cli;

import io.mycel.check.model.CheckSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mycel.check.MalformedHistoryException;
import io.mycel.check.format.EdnHistory;
import io.mycel.check.format.HistoryFiles;
import io.mycel.check.format.LoadedHistory;
import io.mycel.check.lin.Budget;
import io.mycel.check.lin.LinearizabilityChecker;
import io.mycel.check.lin.LinearizabilityReport;
import io.mycel.check.lin.LinearizabilityResult;
import io.mycel.check.lin.Model;
import io.mycel.check.model.Models;
import io.mycel.check.model.RegisterModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check", description = {
        "Check histories for linearizability: one line per history (verdict, operations, time), then the",
        "evidence for each that is not linearizable. Reads the lab's JSON Lines, Jepsen's EDN and Jepsen's",
        "log-line form.",
        "Exit code: 0 when all are linearizable, 1 when any is not, 3 when any could not be decided within",
        "the budget, 2 on bad input (a file that cannot be read names the line and what was expected)."})
final class CheckCommand implements Callable<Integer> {

    static final int EXIT_UNKNOWN = 3;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "history files")
    List<Path> files;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--json", paramLabel = "DIR", description = "also write each verdict and its evidence as DIR/<file>.json")
    Path jsonDir;

    private final PrintStream stdout = System.out;
    private final PrintStream stderr = System.err;

    @Override
    public Integer call() {
        CheckSettings options;
        try {
            options = modelOptions.resolve();
        } catch (IllegalArgumentException e) {
            stderr.println("mycel check: " + e.getMessage());
            return MycelCommand.EXIT_BAD_INPUT;
        }
        boolean bad = false;
        boolean failed = false;
        boolean unknown = false;
        List<String> evidence = new ArrayList<>();
        for (Path file : files) {
            Checked checked = checkFile(file, options, stderr);
            if (checked == null) {
                bad = true;
                continue;
            }
            LinearizabilityResult result = checked.result;
            stdout.printf(Locale.ROOT, "%-16s %7d ops %10.1f ms  %s%n", label(result), result.operations(),
                    result.elapsedMillis(), file);
            failed |= result.verdict() == io.mycel.check.Verdict.FAIL;
            unknown |= result.verdict() == io.mycel.check.Verdict.UNKNOWN;
            String text = checked.report.text(result);
            if (!text.isEmpty()) {
                evidence.add(file + " (" + result.model() + "):\n" + text);
            }
            if (jsonDir != null && !writeJson(file, checked)) {
                bad = true;
            }
        }
        for (String text : evidence) {
            stdout.print("\n" + text);
        }
        return bad ? MycelCommand.EXIT_BAD_INPUT : failed ? 1 : unknown ? EXIT_UNKNOWN : 0;
    }

    /** The verdict as the first column shows it. */
    static String label(LinearizabilityResult result) {
        return switch (result.verdict()) {
            case PASS -> "linearizable";
            case FAIL -> "NOT linearizable";
            case UNKNOWN -> "unknown";
        };
    }

    /** A history, its model and its verdict. */
    record Checked(LoadedHistory loaded, LinearizabilityResult result, LinearizabilityReport report) {
    }

    /** Reads and checks one file; on bad input prints {@code file:line: problem} and returns null. */
    static Checked checkFile(Path file, CheckSettings options, PrintStream errors) {
        LoadedHistory loaded;
        try {
            loaded = HistoryFiles.read(file);
        } catch (IOException e) {
            errors.println(e.getMessage());
            return null;
        }
        try {
            Model<?, ?> chosen = options.modelFor(loaded);
            LinearizabilityResult result = LinearizabilityChecker.check(loaded.history(), chosen, options.budget());
            return new Checked(loaded, result, new LinearizabilityReport(loaded::lineOf));
        } catch (MalformedHistoryException e) {
            errors.println(file + ":" + loaded.lineOf(e.position()) + ": " + e.getMessage());
            return null;
        } catch (IllegalArgumentException e) {
            errors.println(file + ": " + e.getMessage());
            return null;
        }
    }

    private boolean writeJson(Path file, Checked checked) {
        try {
            Files.createDirectories(jsonDir);
            Path target = jsonDir.resolve(file.getFileName() + ".json");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(target.toFile(), checked.report.json(checked.result));
            return true;
        } catch (IOException e) {
            stderr.println(jsonDir + ": cannot write the evidence: " + e.getMessage());
            return false;
        }
    }
}
