package io.mycel.scenario.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** A run named on the command line: its folder (holding trace.jsonl) or the trace file itself. */
final class RunFolders {

    private RunFolders() {
    }

    /** The trace of {@code run}, or null after telling {@code command}'s user what was expected. */
    static Path trace(Path run, String command) {
        Path trace = Files.isDirectory(run) ? run.resolve("trace.jsonl") : run;
        if (!Files.isRegularFile(trace)) {
            System.err.println("mycel " + command + ": no trace at " + trace
                    + " (a run's folder, such as runs/NAME/seed-1, holds trace.jsonl)");
            return null;
        }
        return trace;
    }
}
