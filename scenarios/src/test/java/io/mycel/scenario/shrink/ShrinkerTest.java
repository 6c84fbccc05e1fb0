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
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
    void performingJustTheOperationsARunPerformedGivesTheSameHistory() throws Exception {
        Scenario scenario = ScenarioLoader.load(Path.of("library", "gcounter-partitions-crashes.yaml"));
        RunResult all = ScenarioRunner.run(scenario, 3, dir.resolve("all"), null);
        Scenario selected = ScenarioEdits.withOperations(scenario, all.operationsPerformed()).renamed(scenario.name(), Set.of());
        RunResult same = ScenarioRunner.run(selected, 3, dir.resolve("selected"), null);
        assertTrue(all.operationCount() > 50, "operations " + all.operationCount());
        assertEquals(all.operationsPerformed(), same.operationsPerformed());
        assertEquals(Files.readString(all.outputDir().resolve("history.jsonl")), Files.readString(same.outputDir().resolve("history.jsonl")));
    }

    @Test
    void skippingOperationsLeavesEveryOtherOperationAsItWasDrawn() throws Exception {
        Scenario scenario = ScenarioLoader.load(Path.of("library", "gcounter-partitions-crashes.yaml"));
        for (long seed = 1; seed <= 3; seed++) {
            RunResult all = ScenarioRunner.run(scenario, seed, dir.resolve("all"), null);
            // Keep every third operation of each client.
            Map<Integer, List<Integer>> kept = new TreeMap<>();
            all.operationsPerformed().forEach((client, ops) -> kept.put(client,
                    ops.stream().filter(op -> op % 3 == 0).toList()));
            RunResult fewer = ScenarioRunner.run(ScenarioEdits.withOperations(scenario, kept), seed, dir.resolve("fewer"), null);
            assertEquals(kept, fewer.operationsPerformed(), "seed " + seed);
            // What each kept operation asks is what it asked in the full run: adds keep their amounts.
            assertEquals(invocations(all, kept), invocations(fewer, kept), "seed " + seed);
        }
    }

    /** The kinds and values of the invocations of the selected operations, by client, in order. */
    private static Map<Integer, List<String>> invocations(RunResult run, Map<Integer, List<Integer>> selected) throws Exception {
        List<io.mycel.check.Op> invokes = io.mycel.check.HistoryJson.read(run.outputDir().resolve("history.jsonl")).ops().stream()
                .filter(op -> op.type() == io.mycel.check.Op.Type.INVOKE && !op.finalRead()).toList();
        int clients = run.scenario().workload().clients();
        Map<Integer, List<String>> byClient = new TreeMap<>();
        Map<Integer, Integer> seen = new TreeMap<>();
        for (io.mycel.check.Op op : invokes) {
            int client = (int) (op.process() % clients) + 1;
            int nth = seen.merge(client, 1, Integer::sum) - 1;
            int number = run.operationsPerformed().get(client).get(nth);
            if (selected.getOrDefault(client, List.of()).contains(number)) {
                byClient.computeIfAbsent(client, c -> new ArrayList<>()).add(number + ":" + op.f() + "=" + op.value());
            }
        }
        return byClient;
    }

    @Test
    void ddminRemovesClientOperationsAndTheWrittenFileKeepsOnlyThose() throws Exception {
        Scenario scenario = ScenarioLoader.load(Path.of("library", "raft-kv-unfenced-writes.yaml"));
        List<String> kept = new ArrayList<>();
        Shrinker.Result r = Shrinker.shrink(scenario, 2, Shrinker.Options.DEFAULT, (what, run) -> kept.add(what));
        assertTrue(kept.stream().anyMatch(k -> k.startsWith("client operations")), "kept " + kept);
        assertTrue(r.after().operationCount() * 4 < r.before().operationCount(),
                r.before().operationCount() + " -> " + r.after().operationCount() + " operations");
        assertEquals(r.after().operationsPerformed(), r.minimal().workload().only());
        Path file = dir.resolve("ops-shrunk.yaml");
        r.write(file);
        assertTrue(Files.readString(file).contains("  only: {"), Files.readString(file));
        assertEquals(r.minimal().workload().only(), ScenarioLoader.load(file).workload().only());
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
