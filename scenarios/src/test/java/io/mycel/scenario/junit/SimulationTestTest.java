package io.mycel.scenario.junit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The simulation-test API used as a team would use it, and its failure report. */
class SimulationTestTest {

    @TempDir
    Path dir;

    @Test
    void aLibraryScenarioPassesOverItsSeeds() {
        assertDoesNotThrow(() -> SimulationTest.of(Path.of("library", "raft-kv-registry.yaml")).seeds(1, 6)
                .checks("linearizable-registry", "names-released").assertEveryRunAsExpected());
    }

    @Test
    void aFailureNamesTheSeedTheReplayCommandAndTheShrunkScenario() throws Exception {
        ScenarioBuilder unfenced = ScenarioBuilder.named("unfenced-in-code").seeds(1, 4).duration("6s")
                .nodes(3, "raft-kv").config("bug", "unfenced-writes")
                .fault("{at: 2s, crash-leader: 500ms}")
                .workload(6, "60/s", Map.of("acquire", 0.3, "write", 0.5, "release", 0.2))
                .check("fenced-lock");
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> SimulationTest.of(unfenced)
                .shrunkTo(dir).shrinkBudget(Duration.ofSeconds(30)).assertEveryRunAsExpected());
        String message = e.getMessage();
        assertTrue(message.startsWith("unfenced-in-code seed 1 did not come out as expected:"), message);
        assertTrue(message.contains("fenced-lock fail: "), message);
        assertTrue(message.contains("replay: ./mycel run target/mycel-scenarios/unfenced-in-code.yaml --seed 1"), message);
        assertTrue(message.contains("shrunk: " + dir.resolve("unfenced-in-code-seed-1.yaml")), message);
        assertTrue(Files.exists(dir.resolve("unfenced-in-code-seed-1.yaml")));
        // Planting it on purpose and saying so passes.
        assertDoesNotThrow(() -> SimulationTest.of(unfenced.expectFailure("fenced-lock")).shrinkBudget(Duration.ZERO)
                .assertEveryRunAsExpected());
    }

    @Test
    void aBuiltScenarioWithAMistakeSaysWhereInItsFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimulationTest.of(ScenarioBuilder.named("bad").nodes(3, "raft-kv").check("no-such-check")));
        assertTrue(e.getMessage().contains("bad.yaml:") && e.getMessage().contains("got 'no-such-check'"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SimulationTest.of(Path.of("library", "raft-kv-registry.yaml")).checks("fenced-lock"));
    }

    @TestFactory
    List<DynamicTest> oneDynamicTestPerSeed() {
        List<DynamicTest> tests = SimulationTest.of(Path.of("library", "gcounter-partitions-crashes.yaml")).seeds(1, 3).perSeed().toList();
        assertEquals(3, tests.size());
        return tests;
    }
}
