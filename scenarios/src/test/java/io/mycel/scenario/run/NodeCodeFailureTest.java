package io.mycel.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.check.Verdict;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeCodeFailureTest {

    @TempDir
    Path dir;

    @Test
    void nodeCodeThatThrowsFailsTheRunWithWhereAndWhenAndKeepsTheTrace() throws Exception {
        Path file = dir.resolve("throwing.yaml");
        Files.writeString(file, "name: throwing\nseed: 5\nduration: 2s\nnodes: {count: 1, program: test-throwing}\n"
                + "workload: {clients: 1, rate: 100/s, timeout: 50ms}\nchecks: [converge-after-heal]\n");
        Scenario scenario = ScenarioLoader.load(file);
        RunResult result = ScenarioRunner.run(scenario, 5, dir.resolve("runs"), null);
        assertEquals(Verdict.FAIL, result.verdict());
        assertTrue(result.error().contains("node n1 threw") && result.error().contains("third request"), result.error());
        assertEquals(Verdict.UNKNOWN, result.checks().get(0).verdict());
        assertTrue(result.replayCommand().endsWith("throwing.yaml --seed 5"));
        String verdict = Files.readString(result.outputDir().resolve("verdict.json"));
        assertTrue(verdict.contains("\"verdict\" : \"fail\"") && verdict.contains("third request"), verdict);
        assertTrue(Files.readAllLines(result.outputDir().resolve("trace.jsonl")).size() > 5);
    }
}
