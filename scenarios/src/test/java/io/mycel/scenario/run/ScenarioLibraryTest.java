package io.mycel.scenario.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every scenario of the library over every seed it names, and holds each run to the file's
 * own expectation: all checks pass, or exactly the checks under {@code expect.fail} fail (a
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
                for (long seed = scenario.firstSeed(); seed <= scenario.lastSeed(); seed++) {
                    RunResult result = ScenarioRunner.run(scenario, seed, null, null);
                    assertTrue(result.meetsExpectation(), () -> "seed " + result.seed() + ": " + result.checks()
                            + (result.error() == null ? "" : " error " + result.error())
                            + "\nreplay: " + result.replayCommand());
                }
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
