package io.mycel.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mycel.check.History;
import io.mycel.check.HistoryJson;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aRunWritesATraceOfEveryKindOfEventAHistoryAndAVerdict() throws Exception {
        Scenario scenario = ScenarioLoader.load(Path.of("library", "gcounter-partitions-crashes.yaml"));
        RunResult result = ScenarioRunner.run(scenario, 2, dir, null);
        Path out = result.outputDir();
        assertEquals(dir.resolve("gcounter-partitions-crashes").resolve("seed-2"), out);

        List<String> lines = Files.readAllLines(out.resolve("trace.jsonl"));
        Set<String> types = new TreeSet<>();
        long lastTime = 0;
        int clientRecords = 0;
        for (String line : lines) {
            JsonNode record = JSON.readTree(line);
            long t = record.get("t").asLong();
            assertTrue(t >= lastTime, "trace goes back in time at " + line);
            lastTime = t;
            String type = record.get("type").asText();
            types.add(type);
            if (Set.of("invoke", "ok", "fail", "info").contains(type)) {
                clientRecords++;
            }
        }
        assertEquals("run", JSON.readTree(lines.get(0)).get("type").asText());
        assertTrue(types.containsAll(Set.of("run", "start", "send", "deliver", "drop", "timer", "crash", "restart",
                "partition", "heal", "invoke", "ok", "phase")), "trace types: " + types);

        History history = HistoryJson.read(out.resolve("history.jsonl"));
        assertEquals(clientRecords, history.ops().size());
        assertTrue(history.ops().stream().anyMatch(op -> op.finalRead()));

        JsonNode verdict = JSON.readTree(out.resolve("verdict.json").toFile());
        assertEquals("pass", verdict.get("verdict").asText());
        assertEquals(result.traceSha256(), verdict.get("traceSha256").asText());
        assertTrue(verdict.get("replay").asText().endsWith("--seed 2"));
        assertEquals(3, verdict.get("checks").size());
        assertTrue(Files.readString(out.resolve("faults.yaml")).contains("- {at: 2s, partition: [[n1, n2], [n3, n4, n5]]}"));
    }
}
