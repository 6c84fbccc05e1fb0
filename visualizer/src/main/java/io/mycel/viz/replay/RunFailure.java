package io.mycel.viz.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a run failed according to its checkers: the operation a failing check's evidence names as
 * the one it could not place ({@code blocking}, with its history lines), found in the run's
 * {@code history.jsonl}. "Jump to failure" opens there when the trace marks no broken invariant first.
 */
final class RunFailure {

    private RunFailure() {
    }

    /** Marks the checkers' failure on {@code index}, if the run folder holds one. */
    static void mark(Path runDir, TraceIndex index) throws IOException {
        Path verdict = runDir.resolve("verdict.json");
        Path history = runDir.resolve("history.jsonl");
        if (!Files.exists(verdict) || !Files.exists(history)) {
            return;
        }
        ObjectMapper json = new ObjectMapper();
        for (JsonNode check : json.readTree(verdict.toFile()).path("checks")) {
            JsonNode blocking = check.path("evidence").path("blocking");
            if (!check.path("verdict").asText().equals("fail") || !blocking.has("complete-line")) {
                continue;
            }
            long line = blocking.get("complete-line").asLong();
            try (BufferedReader in = Files.newBufferedReader(history, StandardCharsets.UTF_8)) {
                String text = null;
                for (long i = 1; i <= line; i++) {
                    text = in.readLine();
                }
                if (text != null) {
                    JsonNode op = json.readTree(text);
                    index.failAt(op.path("time").asLong(), check.path("check").asText() + ": " + check.path("summary").asText());
                    index.blame(op.path("process").asLong(), op.path("time").asLong());
                }
            }
        }
    }
}
