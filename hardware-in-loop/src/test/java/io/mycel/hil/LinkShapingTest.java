package io.mycel.hil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mycel.check.Verdict;
import io.mycel.scenario.load.ScenarioLoader;
import io.mycel.scenario.run.RunResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenario's link model on real links: a Raft write waits for a majority to answer, so with 25 ms
 * on every link each way (through each node's fault proxy) no write can complete in under one round
 * trip between nodes, 50 ms, where bare loopback links take a few milliseconds; a latency fault
 * halfway raises the floor to 150 ms.
 */
class LinkShapingTest {

    @TempDir
    Path out;

    @Test
    void writesWaitForTheScenariosLatencyBetweenNodes() throws Exception {
        Path file = out.resolve("shaped.yaml");
        Files.writeString(file, String.join("\n",
                "name: shaped-links",
                "duration: 8s",
                "nodes: {count: 3, program: raft-kv, config: {election-timeout: 400ms, election-timeout-max: 800ms, heartbeat-interval: 100ms}}",
                "network:",
                "  latency: {dist: constant, value: 25ms}",
                "faults:",
                "  - {at: 5s, latency: {dist: constant, value: 75ms}}",
                "workload: {clients: 3, rate: 20/s, mix: {put: 1.0}, timeout: 3s}",
                "checks: [linearizable-kv]", ""), StandardCharsets.UTF_8);
        HilRunner.Outcome outcome = HilRunner.run(ScenarioLoader.load(file), 1, new LocalBackend(), out.resolve("runs"), null);
        RunResult result = outcome.result();
        assertNull(result.error(), result.error());
        assertEquals(Verdict.PASS, result.verdict(), () -> result.checks().toString());
        assertTrue(outcome.notices().stream().anyMatch(n -> n.startsWith("links shaped")), outcome.notices().toString());

        String trace = Files.readString(result.outputDir().resolve("trace.jsonl"), StandardCharsets.UTF_8);
        String change = trace.lines().filter(line -> line.contains("\"type\":\"network\",\"latency\":\"constant 75ms\""))
                .findFirst().orElseThrow(() -> new AssertionError("the latency fault is in the trace"));
        long changedAt = new ObjectMapper().readTree(change).get("t").asLong();
        assertTrue(changedAt < 5_300_000, "the links changed on time: " + changedAt);
        List<long[]> writes = completedWrites(result.outputDir().resolve("history.jsonl"));
        List<Long> before = new ArrayList<>();
        List<Long> after = new ArrayList<>();
        for (long[] w : writes) {
            if (w[1] < changedAt - 100_000) {
                before.add(w[1] - w[0]);
            } else if (w[0] > changedAt) {
                after.add(w[1] - w[0]);
            }
        }
        assertTrue(before.size() > 20 && after.size() > 10, "writes completed before and after the fault: " + before.size()
                + ", " + after.size());
        assertTrue(before.stream().allMatch(us -> us >= 50_000), "no write beat one round trip of 25 ms links: " + before);
        assertTrue(after.stream().allMatch(us -> us >= 150_000), "nor of 75 ms links: " + after);
    }

    /** Each completed write as {invoke time, completion time}, in microseconds of the run. */
    private static List<long[]> completedWrites(Path history) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<Long, Long> open = new HashMap<>();
        List<long[]> done = new ArrayList<>();
        for (String line : Files.readAllLines(history)) {
            JsonNode op = json.readTree(line);
            long process = op.get("process").asLong();
            switch (op.get("type").asText()) {
                case "invoke" -> open.put(process, op.get("time").asLong());
                case "ok" -> done.add(new long[] {open.remove(process), op.get("time").asLong()});
                default -> open.remove(process);
            }
        }
        return done;
    }
}
