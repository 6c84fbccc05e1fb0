package io.mycel.scenario.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioLoader;
import io.mycel.scenario.sweep.Sweep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Sweeps every scenario of the library over every seed it names, on two threads, and holds each
 * run to the file's own expectation: all checks pass, or exactly the checks under {@code expect.fail} fail (a
 * planted bug the checks must catch).
 */
class ScenarioLibraryTest {

    static final Path LIBRARY = Path.of("library");

    static List<Path> libraryFiles() throws IOException {
        try (Stream<Path> files = Files.list(LIBRARY)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @TestFactory
    List<DynamicTest> everyLibraryScenarioMeetsItsExpectationOnEverySeed() throws Exception {
        List<Path> files = libraryFiles();
        assertTrue(files.size() >= 2, "the library holds a passing scenario and a planted bug at least");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                Scenario scenario = ScenarioLoader.load(file);
                // A sweep on two threads, as `mycel sweep` runs it: every seed must come out as the file expects.
                Sweep.Outcome outcome = Sweep.run(scenario,
                        new Sweep.Options(scenario.firstSeed(), scenario.lastSeed(), 2, 0, false, null), (r, d, f) -> { });
                assertTrue(outcome.unmet().isEmpty(), () -> {
                    RunResult first = ScenarioRunner.run(scenario, outcome.unmet().get(0), null, null);
                    return "seeds " + outcome.unmet() + " did not come out as expected; seed " + first.seed() + ": " + first.checks()
                            + (first.error() == null ? "" : " error " + first.error()) + "\nreplay: " + first.replayCommand();
                });
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> theLibraryHasABugCaughtAndAFaultyRunThatPasses() throws Exception {
        boolean planted = false;
        boolean passingUnderFaults = false;
        for (Path file : libraryFiles()) {
            Scenario s = ScenarioLoader.load(file);
            boolean faulty = !s.faults().steps().isEmpty() || !s.nemeses().isEmpty();
            planted |= !s.expectedFailures().isEmpty() && faulty;
            passingUnderFaults |= s.expectedFailures().isEmpty() && faulty && !s.checks().isEmpty();
        }
        boolean p = planted;
        boolean q = passingUnderFaults;
        return List.of(
                DynamicTest.dynamicTest("a planted bug the checks catch", () -> assertTrue(p)),
                DynamicTest.dynamicTest("a scenario that passes under faults", () -> assertTrue(q)),
                DynamicTest.dynamicTest("no scenario without checks", () -> {
                    for (Path file : libraryFiles()) {
                        assertFalse(ScenarioLoader.load(file).checks().isEmpty(), file.toString());
                    }
                }));
    }
}
