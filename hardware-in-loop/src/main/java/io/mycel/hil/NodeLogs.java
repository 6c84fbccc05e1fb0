package io.mycel.hil;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mycel.node.api.NodeId;
import io.mycel.node.runtime.MonotonicClock;
import io.mycel.sim.TraceSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the nodes' structured logs back after a real run and puts what the checks need into the
 * run's trace: the notes node code emitted, on the run's timeline, and any handler that threw. A
 * line cut short by a kill is skipped, as a torn write would be.
 */
final class NodeLogs {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param failure the first failure of node code, as the run's error, or null
     * @param unreadableLines lines that were not whole JSON records (cut by a kill, as a rule)
     */
    record Merged(String failure, long notes, long unreadableLines) {
    }

    private NodeLogs() {
    }

    /**
     * Merges every node's log into {@code trace}, on the run's timeline: by the machine's monotonic
     * clock when the nodes share it with the harness, else by Unix time (hosts kept in step by NTP).
     */
    static Merged merge(ClusterBackend backend, List<NodeId> nodes, MonotonicClock runClock, TraceSink trace) throws IOException {
        boolean mono = backend.sharesMonotonicClock();
        String failure = null;
        long notes = 0;
        long unreadable = 0;
        for (NodeId node : nodes) {
            Path file = backend.logFile(node);
            if (!Files.exists(file)) {
                continue;
            }
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    JsonNode record;
                    try {
                        record = JSON.readTree(line);
                    } catch (IOException e) {
                        unreadable++;
                        continue;
                    }
                    if (record == null || !record.has("t") || !record.has("type")) {
                        unreadable++;
                        continue;
                    }
                    long t = mono && record.has("mono") ? record.get("mono").asLong() - runClock.monoMicrosAtZero()
                            : record.get("t").asLong() - runClock.epochMicrosAtZero();
                    t = Math.max(0, t);
                    switch (record.get("type").asText()) {
                        case "note" -> {
                            notes++;
                            trace.record(t, "note", "node", node.name(), "event", record.path("event").asText(),
                                    "detail", record.path("detail").asText());
                        }
                        case "handler-failed" -> {
                            String error = record.path("error").asText().lines().findFirst().orElse("");
                            trace.record(t, "node-failed", "node", node.name(), "error", error);
                            if (failure == null) {
                                failure = "node " + node + " code threw: " + error;
                            }
                        }
                        default -> {
                            // starts, stops and connection records stay in the node's own log
                        }
                    }
                }
            }
        }
        return new Merged(failure, notes, unreadable);
    }
}
