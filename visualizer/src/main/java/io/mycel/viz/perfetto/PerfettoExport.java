package io.mycel.viz.perfetto;

import com.fasterxml.jackson.databind.JsonNode;
import io.mycel.viz.perfetto.ChromeTraceWriter.Track;
import io.mycel.viz.trace.JsonLines;
import io.mycel.viz.trace.TraceSpells;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run's trace ({@code trace.jsonl}, simulated, real or model-checked) as Chrome trace-event JSON
 * for the Perfetto UI: one track per node, with its messages as slices joined by arrows from send to
 * delivery, its timers and notes as marks, and the spells it was down, paused, asleep or browned out
 * as slices; a track per client process with each operation from invocation to answer; a network
 * track with partitions and the run's phases; and each node's charge as a counter. The trace is read
 * a line at a time and written as it is read.
 */
public final class PerfettoExport {

    static final int NODES = 1;
    static final int ENDPOINTS = 2;
    static final int OPERATIONS = 3;
    static final int NETWORK = 4;
    private static final Track NETWORK_TRACK = new Track(NETWORK, 1);

    /** What an export wrote. */
    public record Summary(long records, long events, int nodes, int operationTracks, long arrows, long sendsNotDelivered) {
    }

    private record Open(long start, Map<String, Object> args) {
    }

    private final ChromeTraceWriter out;
    private final Map<String, Track> nodes = new LinkedHashMap<>();
    private final Map<Long, JsonNode> invoked = new java.util.TreeMap<>();
    private final Map<Track, Map<String, Open>> spells = new LinkedHashMap<>();
    private final Set<Long> inFlight = new HashSet<>();
    private final Set<Long> operationTracks = new HashSet<>();
    private long records;
    private long arrows;
    private long lastTime;

    private PerfettoExport(OutputStream stream) throws IOException {
        this.out = new ChromeTraceWriter(stream);
        out.process(NODES, "nodes", 1);
        out.process(NETWORK, "network", 0);
        out.track(NETWORK_TRACK, "faults and phases", 0);
    }

    /** Exports {@code trace} to {@code target}. */
    public static Summary export(Path trace, Path target) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(trace, StandardCharsets.UTF_8);
             OutputStream stream = Files.newOutputStream(target)) {
            return export(in, stream);
        }
    }

    /**
     * @throws IOException also for a line that is not a trace record, naming its line number
     */
    public static Summary export(BufferedReader in, OutputStream stream) throws IOException {
        PerfettoExport e = new PerfettoExport(stream);
        JsonLines.read(in, (line, r) -> {
            e.records++;
            if (!r.has("t") || !r.has("type")) {
                throw new IOException("line " + line + " is not a trace record (no \"t\" or \"type\"): " + r);
            }
            e.record(r);
        });
        return e.finish();
    }

    private void record(JsonNode r) throws IOException {
        long t = r.get("t").asLong();
        lastTime = Math.max(lastTime, t);
        String type = r.get("type").asText();
        switch (type) {
            case "run" -> run(r);
            case "send" -> send(r, t);
            case "deliver" -> deliver(r, t);
            case "drop" -> out.instant(endpoint(text(r, "to", text(r, "from", "?"))),
                    "drop " + text(r, "msg", "?") + " (" + text(r, "reason", "?") + ")", "message", t, false, fields(r));
            case "timer" -> out.instant(endpoint(text(r, "node", "?")), "timer " + text(r, "timer", "?"), "timer", t, false,
                    fields(r));
            case "note" -> out.instant(endpoint(text(r, "node", "?")), text(r, "event", "note"), "note", t, false, fields(r));
            case "start", "restart" -> {
                Track n = endpoint(text(r, "node", "?"));
                spell(n, TraceSpells.of(type), t, r);
                out.instant(n, type + " #" + text(r, "incarnation", "?"), "life", t, false, fields(r));
            }
            case "crash", "pause", "resume", "sleep", "wake", "brown-out", "power-restored" ->
                    spell(endpoint(text(r, "node", "?")), TraceSpells.of(type), t, r);
            case "energy" -> energy(r, t);
            case "handshake" -> out.instant(endpoint(text(r, "from", "?")), "link to " + text(r, "to", "?") + " open"
                    + ("true".equals(text(r, "resumed", "false")) ? " (resumed)" : ""), "link", t, false, fields(r));
            case "handshake-failed" -> out.instant(endpoint(text(r, "from", "?")), "link to " + text(r, "to", "?") + " failed ("
                    + text(r, "reason", "?") + ")", "link", t, false, fields(r));
            case "partition", "cut", "heal" -> {
                spell(NETWORK_TRACK, TraceSpells.of(type), t, r);
                if (!type.equals("partition")) {
                    out.instant(NETWORK_TRACK, type, "fault", t, false, fields(r));
                }
            }
            case "invoke" -> invoked.put(r.path("process").asLong(), r);
            case "ok", "fail", "info" -> complete(r, t, type);
            case "invariant-violated" -> out.instant(NETWORK_TRACK, "invariant violated: " + text(r, "invariant", "?"),
                    "verdict", t, true, fields(r));
            case "energy-activity" -> {
                // The end-of-run totals: energy.csv holds them.
            }
            default -> out.instant(NETWORK_TRACK, type, type, t, false, fields(r));
        }
    }

    private void run(JsonNode r) throws IOException {
        int i = 0;
        for (JsonNode n : r.path("nodes")) {
            Track track = new Track(NODES, ++i);
            nodes.put(n.asText(), track);
            out.track(track, n.asText(), i);
        }
        out.instant(NETWORK_TRACK, "run " + text(r, "scenario", "") + " seed " + text(r, "seed", "?"), "run", 0, true, fields(r));
    }

    /** A node's track, or for a name the run did not list (a client endpoint), one of its own. */
    private Track endpoint(String name) throws IOException {
        Track t = nodes.get(name);
        if (t == null) {
            out.process(ENDPOINTS, "clients and other endpoints", 2);
            t = new Track(ENDPOINTS, nodes.size() + 1);
            nodes.put(name, t);
            out.track(t, name, t.tid());
        }
        return t;
    }

    private void send(JsonNode r, long t) throws IOException {
        Track from = endpoint(text(r, "from", "?"));
        String msg = text(r, "msg", "?");
        out.slice(from, "send " + msg, "message", t, 0, fields(r));
        if (r.has("id")) {
            long id = r.get("id").asLong();
            out.flow(from, msg, id, t, true);
            inFlight.add(id);
        }
    }

    private void deliver(JsonNode r, long t) throws IOException {
        Track to = endpoint(text(r, "to", "?"));
        String msg = text(r, "msg", "?");
        out.slice(to, "receive " + msg, "message", t, 0, fields(r));
        // A message's arrow ends at its first delivery; a duplicate's delivery is a slice alone.
        if (r.has("id") && inFlight.remove(r.get("id").asLong())) {
            out.flow(to, msg, r.get("id").asLong(), t, false);
            arrows++;
        }
    }

    private void energy(JsonNode r, long t) throws IOException {
        Map<String, Double> values = new LinkedHashMap<>();
        for (String key : List.of("soc", "harvest", "load")) {
            if (r.has(key)) {
                values.put(key, r.get(key).asDouble());
            }
        }
        out.counter(NODES, "energy " + text(r, "node", "?"), t, values);
    }

    /** A spell's edge on a track ({@link TraceSpells}): a partition ends the one before it and begins anew. */
    private void spell(Track track, TraceSpells.Edge edge, long t, JsonNode r) throws IOException {
        if (!edge.begins() || edge.replaces()) {
            end(track, edge.kind().label, t);
        }
        if (edge.begins()) {
            begin(track, edge.kind().label, t, fields(r));
        }
    }

    private void complete(JsonNode r, long t, String type) throws IOException {
        long process = r.path("process").asLong();
        JsonNode invoke = invoked.remove(process);
        Track track = operations(process);
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("outcome", type);
        args.put("node", text(r, "node", "?"));
        args.put("value", text(r, "value", "null"));
        if (invoke == null) {
            out.instant(track, text(r, "f", "?") + " " + type, "operation", t, false, args);
            return;
        }
        args.put("invoked with", text(invoke, "value", "null"));
        long start = invoke.get("t").asLong();
        out.slice(track, text(r, "f", "?") + " " + type, "operation", start, t - start, args);
    }

    private Track operations(long process) throws IOException {
        out.process(OPERATIONS, "client operations", 3);
        Track t = new Track(OPERATIONS, (int) Math.min(Integer.MAX_VALUE, process + 1));
        if (operationTracks.add(process)) {
            out.track(t, "process " + process, t.tid());
        }
        return t;
    }

    private void begin(Track t, String spell, long ts, Map<String, Object> args) {
        spells.computeIfAbsent(t, k -> new LinkedHashMap<>()).putIfAbsent(spell, new Open(ts, args));
    }

    private void end(Track t, String spell, long ts) throws IOException {
        Map<String, Open> open = spells.get(t);
        Open o = open == null ? null : open.remove(spell);
        if (o != null) {
            out.slice(t, spell, "state", o.start(), ts - o.start(), o.args());
        }
    }

    private Summary finish() throws IOException {
        // Spells and operations still open at the end are drawn up to the last record.
        for (Map.Entry<Track, Map<String, Open>> e : new ArrayList<>(spells.entrySet())) {
            for (String spell : new ArrayList<>(e.getValue().keySet())) {
                end(e.getKey(), spell, lastTime);
            }
        }
        for (JsonNode invoke : invoked.values()) {
            long start = invoke.get("t").asLong();
            out.slice(operations(invoke.path("process").asLong()), text(invoke, "f", "?") + " (no answer)", "operation",
                    start, lastTime - start, Map.of("invoked with", text(invoke, "value", "null")));
        }
        long events = out.events();
        out.close();
        return new Summary(records, events, (int) nodes.values().stream().filter(t -> t.pid() == NODES).count(),
                operationTracks.size(), arrows, inFlight.size());
    }

    private static String text(JsonNode r, String field, String otherwise) {
        JsonNode v = r.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    /** Every field of a record but its time and type, as the slice's arguments. */
    private static Map<String, Object> fields(JsonNode r) {
        Map<String, Object> args = new LinkedHashMap<>();
        r.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("t") && !e.getKey().equals("type")) {
                JsonNode v = e.getValue();
                args.put(e.getKey(), v.isNumber() ? v.numberValue() : v.isBoolean() ? v.asBoolean()
                        : v.isValueNode() ? v.asText() : v.toString());
            }
        });
        return args;
    }
}
