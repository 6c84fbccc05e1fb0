package io.mycel.scenario.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same scenario and seed give a byte-identical trace; different seeds give different traces. */
class DeterminismTest {

    private static final Path SCENARIO = Path.of("library", "gcounter-partitions-crashes.yaml");
    /** Raft with leader faults, admin faults, an invariant and an operator client: everything that runs. */
    private static final Path RAFT = Path.of("library", "raft-kv-membership.yaml");
    /** The registry, whose history holds operations the nodes announce themselves. */
    private static final Path REGISTRY = Path.of("library", "raft-kv-registry.yaml");

    @TempDir
    Path dir;

    @Test
    void sameSeedTwiceGivesIdenticalTraceHistoryAndVerdictFiles() throws Exception {
        Scenario scenario = ScenarioLoader.load(SCENARIO);
        for (long seed : new long[] {1, 7, 42}) {
            RunResult first = ScenarioRunner.run(scenario, seed, dir.resolve("a"), null);
            RunResult second = ScenarioRunner.run(scenario, seed, dir.resolve("b"), null);
            assertEquals(first.traceSha256(), second.traceSha256(), "seed " + seed);
            for (String file : new String[] {"trace.jsonl", "history.jsonl", "verdict.json", "faults.yaml"}) {
                assertArrayEquals(Files.readAllBytes(first.outputDir().resolve(file)),
                        Files.readAllBytes(second.outputDir().resolve(file)), "seed " + seed + " " + file);
            }
        }
    }

    @Test
    void raftRunsWithLeaderAndAdminFaultsInvariantsAndNodeOperationsAreByteIdenticalToo() throws Exception {
        for (Path path : new Path[] {RAFT, REGISTRY}) {
            Scenario scenario = ScenarioLoader.load(path);
            for (long seed : new long[] {3, 11}) {
                RunResult first = ScenarioRunner.run(scenario, seed, dir.resolve("ra"), null);
                RunResult second = ScenarioRunner.run(scenario, seed, dir.resolve("rb"), null);
                for (String file : new String[] {"trace.jsonl", "history.jsonl", "verdict.json", "faults.yaml"}) {
                    assertArrayEquals(Files.readAllBytes(first.outputDir().resolve(file)),
                            Files.readAllBytes(second.outputDir().resolve(file)), path + " seed " + seed + " " + file);
                }
            }
        }
    }

    @Test
    void differentSeedsGiveDifferentTraces() throws Exception {
        Scenario scenario = ScenarioLoader.load(SCENARIO);
        Set<String> hashes = new HashSet<>();
        for (long seed = 1; seed <= 20; seed++) {
            hashes.add(ScenarioRunner.run(scenario, seed, null, null).traceSha256());
        }
        assertEquals(20, hashes.size());
    }

    @Test
    void theHashCoversTheWholeTraceFile() throws Exception {
        Scenario scenario = ScenarioLoader.load(SCENARIO);
        RunResult result = ScenarioRunner.run(scenario, 3, dir, null);
        byte[] trace = Files.readAllBytes(result.outputDir().resolve("trace.jsonl"));
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(trace));
        assertEquals(hash, result.traceSha256());
        assertNotEquals(0, trace.length);
    }
}
