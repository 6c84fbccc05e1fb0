package io.mycel.viz.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a run failed according to its checkers, from its {@code verdict.json}: the operation a
 * failing check's evidence names as the one it could not place ({@code blocking}), and the smallest
 * set of operations it could not linearize together ({@code minimal}), each found in the run's
 * {@code history.jsonl} by the line of its invocation. "Jump to failure" opens at the blocking
 * operation's completion (its invocation, when it got no answer) when the trace marks no broken invariant first, and the view highlights
 * them all.
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
            JsonNode evidence = check.path("evidence");
            JsonNode blocking = evidence.path("blocking");
            if (!check.path("verdict").asText().equals("fail") || !blocking.has("invoke-line")) {
                continue;
            }
            // History line -> what the evidence makes of the operation invoked there.
            Map<Long, TraceIndex.Evidence> lines = new TreeMap<>();
            for (JsonNode op : evidence.path("minimal")) {
                if (op.has("invoke-line")) {
                    lines.put(op.get("invoke-line").asLong(), TraceIndex.Evidence.INVOLVED);
                }
            }
            lines.put(blocking.get("invoke-line").asLong(), TraceIndex.Evidence.BLOCKING);
            // An operation that never got an answer fails the run from its invocation on.
            long failLine = blocking.path("complete-line").isNumber() ? blocking.get("complete-line").asLong()
                    : blocking.get("invoke-line").asLong();
            String what = check.path("check").asText() + ": " + check.path("summary").asText();
            try (BufferedReader in = Files.newBufferedReader(history, StandardCharsets.UTF_8)) {
                long lineNo = 0;
                for (String text; (text = in.readLine()) != null; ) {
                    lineNo++;
                    TraceIndex.Evidence role = lines.get(lineNo);
                    if (role != null) {
                        JsonNode op = json.readTree(text);
                        index.markEvidence(op.path("process").asLong(), op.path("time").asLong(), role);
                    }
                    if (lineNo == failLine) {
                        index.failAt(json.readTree(text).path("time").asLong(), what);
                    }
                }
            }
        }
    }
}
