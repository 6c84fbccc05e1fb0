package io.mycel.scenario.bugs;

import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioException;
import io.mycel.scenario.load.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The catalogue of planted bugs: every scenario of the library that expects checks to fail
 * ({@code expect: fail}) plants a bug in the protocol it runs (a {@code bug:} option, or the like)
 * and names the checks that must catch it. Adding a planted bug to the library adds it here.
 */
public final class PlantedBugs {

    /** One planted bug: the scenario that plants it, and what it is in a phrase. */
    public record PlantedBug(Path file, Scenario scenario) {

        public String name() {
            return scenario.name();
        }

        /** The description without its "planted bug - " prefix. */
        public String what() {
            String d = scenario.description();
            int dash = d.indexOf(" - ");
            return d.startsWith("planted bug") && dash >= 0 ? d.substring(dash + 3) : d;
        }
    }

    private PlantedBugs() {
    }

    /** The planted bugs of the scenarios in {@code library}, by file name. */
    public static List<PlantedBug> in(Path library) throws IOException, ScenarioException {
        List<Path> files;
        try (Stream<Path> list = Files.list(library)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        List<PlantedBug> bugs = new ArrayList<>();
        for (Path file : files) {
            Scenario scenario = ScenarioLoader.load(file);
            if (!scenario.expectedFailures().isEmpty()) {
                bugs.add(new PlantedBug(file, scenario));
            }
        }
        return bugs;
    }
}
