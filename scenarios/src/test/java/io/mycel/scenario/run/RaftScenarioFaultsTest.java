package io.mycel.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The raft-kv scenarios pass in CI only if their faults really happen: these tests read the traces
 * and check that faults aimed at the leader hit the node that led at that instant, that every
 * administrative change was carried out, and that the invariant watch reports a broken invariant.
 */
class RaftScenarioFaultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private List<JsonNode> trace(String file, long seed) throws Exception {
        Scenario scenario = ScenarioLoader.load(Path.of("library", file));
        RunResult result = ScenarioRunner.run(scenario, seed, dir.resolve(file + seed), null);
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(result.outputDir().resolve("trace.jsonl"))) {
            records.add(JSON.readTree(line));
        }
        return records;
    }

    @Test
    void crashLeaderCrashesTheNodeThatLedAtThatInstant() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            List<JsonNode> trace = trace("raft-kv-leader-faults.yaml", seed);
            // Who led last, per the nodes' own notes, when each crash at a crash-leader time came.
            TreeMap<Long, String> leaderSince = new TreeMap<>();
            int checked = 0;
            for (JsonNode r : trace) {
                long t = r.get("t").asLong();
                if (r.get("type").asText().equals("note") && r.get("event").asText().equals("raft-leader")) {
                    leaderSince.put(t, r.get("node").asText());
                }
                if (r.get("type").asText().equals("crash") && (t == 1_000_000 || t == 8_000_000 || t == 12_000_000)) {
                    assertEquals(leaderSince.floorEntry(t).getValue(), r.get("node").asText(), "seed " + seed + " at " + t);
                    checked++;
                }
            }
            assertTrue(checked >= 2, "seed " + seed + ": crash-leader found a leader at least twice, found " + checked);
        }
    }

    @Test
    void everyVoterChangeOfTheMembershipScenarioIsCarriedOut() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            List<JsonNode> trace = trace("raft-kv-membership.yaml", seed);
            long done = trace.stream().filter(r -> r.get("type").asText().equals("note")
                    && r.get("event").asText().equals("admin-done") && r.get("detail").asText().contains(": done")).count();
            long configurations = trace.stream().filter(r -> r.get("type").asText().equals("note")
                    && r.get("event").asText().equals("raft-configuration")).count();
            assertEquals(8, done, "seed " + seed);
            assertTrue(configurations >= 8 * 5, "seed " + seed + ": every node takes up every change, got " + configurations);
        }
    }

    @Test
    void aBrokenInvariantIsReportedWithItsTimeAndWrittenToTheTrace() throws Exception {
        Scenario scenario = ScenarioLoader.load(Path.of("library", "raft-kv-commit-beyond-match.yaml"));
        RunResult result = ScenarioRunner.run(scenario, 1, dir.resolve("bug"), null);
        var check = result.checks().stream().filter(c -> c.check().equals("raft-safety")).findFirst().orElseThrow();
        assertTrue(check.summary().startsWith("violated at "), check.summary());
        assertTrue(check.evidence().containsKey("event"));
        String trace = Files.readString(result.outputDir().resolve("trace.jsonl"));
        assertTrue(trace.contains("\"type\":\"invariant-violated\""));
    }
}
