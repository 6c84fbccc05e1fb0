package io.mycel.scenario.shrink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.check.Verdict;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioLoader;
import io.mycel.scenario.load.ScenarioWriter;
import io.mycel.scenario.run.RunResult;
import io.mycel.scenario.run.ScenarioRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShrinkerTest {

    @TempDir
    Path dir;

    @Test
    void aPlantedBugShrinksToASmallerRunThatFailsTheSameWayFromItsWrittenFile() throws Exception {
        for (String name : List.of("raft-kv-unfenced-writes", "gcounter-ack-before-sync")) {
            Scenario scenario = ScenarioLoader.load(Path.of("library", name + ".yaml"));
            List<String> kept = new ArrayList<>();
            Shrinker.Result r = Shrinker.shrink(scenario, 2, Shrinker.Options.DEFAULT, (what, run) -> kept.add(what));
            assertTrue(r.after().stats().events() * 4 < r.before().stats().events(),
                    name + ": " + r.before().stats().events() + " -> " + r.after().stats().events() + " events; kept " + kept);
            assertTrue(r.faults().steps().size() < ScenarioRunner.drawPlan(scenario, 2).steps().size(), name);
            assertTrue(r.minimal().durationMicros() < scenario.durationMicros(), name);
            // The written file replays the minimal run and fails the same check, as its expectation says.
            Path file = dir.resolve(name + "-shrunk.yaml");
            Files.writeString(file, ScenarioWriter.toYaml(r.minimal(), "test", 2, r.faults()));
            RunResult replay = ScenarioRunner.run(ScenarioLoader.load(file), 2, null, null);
            // The same run as the last candidate kept, but for its name (in the trace's first record).
            assertEquals(r.after().stats(), replay.stats(), name);
            assertEquals(ScenarioRunner.run(r.minimal(), 2, null, null).traceSha256(), replay.traceSha256(), name);
            assertTrue(replay.checks().stream().anyMatch(c -> c.check().equals(r.target()) && c.verdict() == Verdict.FAIL), name);
            assertTrue(replay.meetsExpectation(), name + ": " + replay.checks());
        }
    }

    @Test
    void aSeedThatPassesHasNothingToShrink() throws Exception {
        Scenario scenario = ScenarioLoader.load(Path.of("library", "gcounter-partitions-crashes.yaml"));
        assertThrows(IllegalArgumentException.class, () -> Shrinker.shrink(scenario, 1, Shrinker.Options.DEFAULT, (w, r) -> { }));
    }

    @Test
    void aScenarioWithDrawnParametersShrinksFromTheDrawOfItsSeed() throws Exception {
        String text = java.nio.file.Files.readString(Path.of("library", "raft-kv-unfenced-writes.yaml"))
                .replace("count: 5", "count: {one-of: [3, 5]}").replace("rate: 60/s", "rate: {between: [40/s, 80/s]}");
        Scenario drawn = io.mycel.scenario.load.ScenarioLoader.parse(dir.resolve("drawn.yaml"), text);
        Shrinker.Result r = Shrinker.shrink(drawn, 2, Shrinker.Options.DEFAULT, (w, x) -> { });
        assertTrue(r.after().stats().events() * 4 < r.before().stats().events(), r.before().stats() + " -> " + r.after().stats());
        assertTrue(r.minimal().draws() == null, "the minimal scenario is concrete");
    }
}
