package io.mycel.scenario.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.faults.FaultPlan;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.run.RunResult;
import io.mycel.scenario.run.ScenarioRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioWriterTest {

    @TempDir
    Path dir;

    /** Every library scenario, written for one seed with its drawn faults fixed, runs exactly as the original. */
    @Test
    void aWrittenScenarioReplaysTheOriginalRunByteForByte() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("library"))) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : files) {
            Scenario original = ScenarioLoader.load(file);
            long seed = original.firstSeed();
            FaultPlan plan = ScenarioRunner.drawPlan(original, seed);
            String yaml = ScenarioWriter.toYaml(original, "written by a test\nsecond line", seed, plan);
            Path written = dir.resolve(file.getFileName());
            Files.writeString(written, yaml);
            Scenario reloaded;
            try {
                reloaded = ScenarioLoader.load(written);
            } catch (ScenarioException e) {
                throw new AssertionError(file + " written as\n" + yaml + "\ndoes not load: " + e.problems(), e);
            }
            assertEquals(seed, reloaded.firstSeed());
            assertEquals(seed, reloaded.lastSeed());
            assertTrue(reloaded.nemeses().isEmpty());
            assertEquals(plan, reloaded.faults(), file.toString());
            assertEquals(original.nodes().power(), reloaded.nodes().power(), file.toString());
            assertEquals(original.nodes().positions(), reloaded.nodes().positions(), file.toString());
            assertEquals(original.network().secureLinks(), reloaded.network().secureLinks(), file.toString());
            if (original.durationMicros() > 3_600_000_000L) {
                continue;   // a virtual day takes seconds of wall time a run: the scenario itself was compared
            }
            RunResult a = ScenarioRunner.run(original, seed, null, null);
            RunResult b = ScenarioRunner.run(reloaded, seed, null, null);
            assertEquals(a.traceSha256(), b.traceSha256(), file + " written as\n" + yaml);
            assertEquals(a.checks(), b.checks(), file.toString());
        }
    }
}
