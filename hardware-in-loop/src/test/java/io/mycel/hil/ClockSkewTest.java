package io.mycel.hil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mycel.node.api.NodeId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node's own clock follows the skew the harness sets in its clock file: the node's reading
 * of its clock at start is ahead of true time (from the machine's monotonic stamp of the same log
 * record) by the offset.
 */
class ClockSkewTest {

    @TempDir
    Path dir;

    @Test
    void aNodesClockRunsAheadByTheOffsetSet() throws Exception {
        NodeId n1 = NodeId.of("n1");
        try (LocalBackend backend = new LocalBackend()) {
            backend.prepare(new ClusterPlan(dir, "gcounter", Map.of(), List.of(n1), 1, true));
            assertNull(backend.setClock(n1, 5_000_000, 0), "the local backend steers clocks");
            backend.start(n1);
            backend.awaitReady(n1, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (Files.readAllLines(backend.logFile(n1)).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            JsonNode start = new ObjectMapper().readTree(Files.readAllLines(backend.logFile(n1)).get(0));
            assertEquals("start", start.get("type").asText());
            // True time when the node logged its start, from the machine's monotonic clock.
            long trueEpochMinusMono = System.currentTimeMillis() * 1_000L - System.nanoTime() / 1_000L;
            long ahead = start.get("clock").asLong() - (start.get("mono").asLong() + trueEpochMinusMono);
            assertEquals(5_000_000, ahead, 300_000, "the node's clock is 5 s ahead of true time");
        }
    }
}
