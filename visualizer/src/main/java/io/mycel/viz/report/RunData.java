package io.mycel.viz.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mycel.viz.trace.JsonLines;
import io.mycel.viz.trace.TraceSpells;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a report shows of a run, read from its folder: the verdict ({@code verdict.json}), the client
 * operations paired from {@code history.jsonl}, and from {@code trace.jsonl} the fault spells and
 * each node's charge over time.
 */
final class RunData {

    /** A client operation from invocation to completion ({@code completeMicros} -1 when it never ended). */
    record Operation(long process, String f, String value, String outcome, String result, String node,
                     long invokeMicros, long completeMicros, long invokeLine) {
        long latencyMicros() {
            return completeMicros < 0 ? -1 : completeMicros - invokeMicros;
        }
    }

    /** A span when something was wrong ({@link TraceSpells}): a node down, paused, asleep or browned out, or the network partitioned. */
    record Spell(String kind, String label, long fromMicros, long toMicros) {
    }

    record Charge(long micros, double soc) {
    }

    final JsonNode verdict;
    final List<Operation> operations = new ArrayList<>();
    final List<Spell> spells = new ArrayList<>();
    final Map<String, List<Charge>> charge = new TreeMap<>();
    long endMicros;

    private RunData(JsonNode verdict) {
        this.verdict = verdict;
    }

    static RunData read(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path verdictFile = dir.resolve("verdict.json");
        RunData d = new RunData(Files.exists(verdictFile) ? json.readTree(verdictFile.toFile()) : json.createObjectNode());
        if (Files.exists(dir.resolve("history.jsonl"))) {
            d.readHistory(dir.resolve("history.jsonl"));
        }
        if (Files.exists(dir.resolve("trace.jsonl"))) {
            d.readTrace(dir.resolve("trace.jsonl"));
        }
        return d;
    }

    private void readHistory(Path file) throws IOException {
        Map<Long, JsonNode> open = new HashMap<>();
        Map<Long, Long> openLine = new HashMap<>();
        JsonLines.read(file, (line, op) -> {
            long process = op.path("process").asLong();
            long time = op.path("time").asLong();
            endMicros = Math.max(endMicros, time);
            if (op.path("type").asText().equals("invoke")) {
                open.put(process, op);
                openLine.put(process, line);
                return;
            }
            JsonNode invoke = open.remove(process);
            if (invoke != null) {
                operations.add(new Operation(process, invoke.path("f").asText(), text(invoke.get("value")),
                        op.path("type").asText(), text(op.get("value")), invoke.path("node").asText(),
                        invoke.path("time").asLong(), time, openLine.remove(process)));
            }
        });
        for (Map.Entry<Long, JsonNode> e : new TreeMap<>(open).entrySet()) {
            JsonNode invoke = e.getValue();
            operations.add(new Operation(e.getKey(), invoke.path("f").asText(), text(invoke.get("value")), "open", "",
                    invoke.path("node").asText(), invoke.path("time").asLong(), -1, openLine.get(e.getKey())));
        }
    }

    /** A spell begun and not yet ended: its kind's words and when it began. */
    private record OpenSpell(String kind, long fromMicros) {
    }

    private void readTrace(Path file) throws IOException {
        // Keyed by what the report calls the spell: "down n2", or "partitioned" for the network.
        Map<String, OpenSpell> open = new TreeMap<>();
        JsonLines.read(file, (line, r) -> {
            long t = r.path("t").asLong();
            endMicros = Math.max(endMicros, t);
            String node = r.path("node").asText();
            String type = r.path("type").asText();
            TraceSpells.Edge edge = TraceSpells.of(type);
            if (edge != null) {
                String kind = edge.kind().label;
                String key = edge.kind().network() ? kind : kind + " " + node;
                if (!edge.begins() || edge.replaces()) {
                    OpenSpell o = open.remove(key);
                    if (o != null) {
                        spells.add(new Spell(o.kind(), key, o.fromMicros(), t));
                    }
                }
                if (edge.begins()) {
                    open.putIfAbsent(key, new OpenSpell(kind, t));
                }
            } else if (type.equals("energy")) {
                charge.computeIfAbsent(node, k -> new ArrayList<>()).add(new Charge(t, r.path("soc").asDouble()));
            }
        });
        open.forEach((key, o) -> spells.add(new Spell(o.kind(), key, o.fromMicros(), endMicros)));
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() ? "null" : v.isValueNode() ? v.asText() : v.toString();
    }
}
