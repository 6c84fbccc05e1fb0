package io.mycel.scenario.cli;

import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioException;
import io.mycel.scenario.load.ScenarioLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** Loading a scenario file for a command: every mistake printed with its position, nothing run. */
final class ScenarioFiles {

    private ScenarioFiles() {
    }

    /** The scenario, or null after printing why it cannot run to {@code err}. */
    static Scenario load(Path file, PrintStream err) {
        try {
            return ScenarioLoader.load(file);
        } catch (IOException e) {
            err.println(file + ": cannot read the scenario file: " + e.getMessage());
        } catch (ScenarioException e) {
            e.problems().forEach(err::println);
            err.println(file + ": " + e.problems().size() + " mistake" + (e.problems().size() == 1 ? "" : "s") + "; nothing was run");
        }
        return null;
    }
}
