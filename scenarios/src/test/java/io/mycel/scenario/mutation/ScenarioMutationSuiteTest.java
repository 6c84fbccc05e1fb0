package io.mycel.scenario.mutation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioLoader;
import io.mycel.scenario.run.RunResult;
import io.mycel.scenario.run.ScenarioRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The scenario suite as the mutation profile runs it ({@code mvn -P mutation}): every library
 * scenario of the programs under mutation ({@code -Dmutation.programs=mesh,presence}; raft-kv by default), over the first {@value #SEEDS} seeds of its file, held to
 * the file's expectation. A mutant of node code survives when every scenario still comes out as
 * expected: all checks pass where they should, and each planted bug is still caught. In the normal
 * build it runs too, as a quick smoke test of the library.
 */
class ScenarioMutationSuiteTest {

    static final int SEEDS = 3;

    @TestFactory
    List<DynamicTest> everyScenarioOfTheProgramComesOutAsExpected() throws Exception {
        List<String> programs = List.of(System.getProperty("mycel.mutation.programs", "raft-kv").split(","));
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("library"))) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Scenario scenario = ScenarioLoader.load(file);
            if (!programs.contains(scenario.nodes().program().name())) {
                return;
            }
            for (long seed = scenario.firstSeed(); seed < scenario.firstSeed() + SEEDS && seed <= scenario.lastSeed(); seed++) {
                RunResult r = ScenarioRunner.run(scenario, seed, null, null);
                assertTrue(r.meetsExpectation(), () -> r.scenario().name() + " seed " + r.seed() + ": " + r.checks() + " " + r.error());
            }
        })).toList();
    }
}
