package io.mycel.viz.replay;

import static io.mycel.viz.replay.TraceFields.str;

import com.fasterxml.jackson.core.JsonFactory;
import io.mycel.viz.trace.TraceSpells;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's trace held compactly for replay: every record's time and kind ({@link RecordFile}, which
 * reads a record's full text again by its offset only when asked for), messages paired from send to
 * delivery, client operations from invocation to answer, and each node's changes of status and
 * role, so the state at any instant is a binary search away; and what a failing check's evidence
 * names.
 */
public final class TraceIndex {

    /** What a node is doing, for colouring it: up, or in a node's spell of {@link TraceSpells.Kind} (same names). */
    public enum Status { UP, DOWN, PAUSED, ASLEEP, BROWNED_OUT }

    /**
     * A message from its send to its delivery (or loss: {@code deliverMicros} -1), the trace record
     * of its send, and whether the network delivered it twice.
     */
    public record Message(int from, int to, String type, long sendMicros, long deliverMicros, boolean dropped, int sendRecord,
                          boolean duplicated) {
    }

    /**
     * A client operation from invocation to answer ({@code completeMicros} and {@code completeRecord}
     * -1 when it never got one), with the trace records of both.
     */
    public record Operation(long process, String f, String node, long invokeMicros, long completeMicros, String outcome,
                            int invokeRecord, int completeRecord) {
    }

    /** What a failing check's evidence makes of an operation. */
    public enum Evidence {
        /** Not named. */
        NONE,
        /** Among the operations the check could not linearize together. */
        INVOLVED,
        /** The one the check could not place. */
        BLOCKING
    }

    /** A span of time when the network was partitioned or cut one way. */
    public record Span(long fromMicros, long toMicros) {
    }

    /**
     * From {@code micros} on, until the next change, the node is in {@code status} with
     * {@code role}; {@code record} is the trace record that made the change (-1 for the start).
     */
    public record Change(long micros, Status status, String role, int record) {
    }

    private final Path file;
    private final List<String> nodes = new ArrayList<>();
    /** How many of {@link #nodes} the run listed as its nodes (they come first); the rest are clients. */
    private int servers = -1;
    private final Map<String, Integer> nodeIndex = new HashMap<>();
    private final RecordFile records;
    private final List<Message> messages = new ArrayList<>();
    /** Each message's id, in send order (ids grow with sends in a simulated run), to find a duplicate's original. */
    private long[] messageIds = new long[1024];
    private final List<List<Change>> changes = new ArrayList<>();
    private final List<Operation> operations = new ArrayList<>();
    private final List<Span> partitions = new ArrayList<>();
    /** Operations a checker named as its evidence, by (client process, invocation time). */
    private final Map<List<Long>, Evidence> evidence = new HashMap<>();
    /** Where the run's scenario placed its nodes, by name (x east, y north); empty when it placed none. */
    private Map<String, double[]> positions = Map.of();
    private final PartitionHistory reach = new PartitionHistory();
    private final ChargeHistory charge = new ChargeHistory();
    private long[] sendTimes;
    private long longestFlight;
    private long failureMicros = -1;
    private String failure;
    private long endMicros;

    private TraceIndex(Path file) {
        this.file = file;
        this.records = new RecordFile(file);
    }

    /** Reads {@code trace.jsonl} once, streaming. */
    public static TraceIndex load(Path trace) throws IOException {
        TraceIndex t = new TraceIndex(trace);
        t.read();
        return t;
    }

    private void read() throws IOException {
        JsonFactory json = new JsonFactory();
        Map<Long, Integer> open = new LinkedHashMap<>();
        Map<Long, Integer> openOperations = new HashMap<>();
        long partitionedSince = -1;
        long offset = 0;
        int lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                long at = offset;
                offset += line.getBytes(StandardCharsets.UTF_8).length + 1;
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> r = TraceFields.parse(json, line, lineNo);
                long t = ((Number) r.getOrDefault("t", 0L)).longValue();
                String type = String.valueOf(r.get("type"));
                records.add(t, type, at);
                endMicros = Math.max(endMicros, t);
                switch (type) {
                    case "run" -> {
                        Object list = r.get("nodes");
                        if (list instanceof List<?> names) {
                            names.forEach(n -> node(String.valueOf(n)));
                            servers = nodes.size();
                        }
                        if (r.get("positions") instanceof Map<?, ?> placed) {
                            @SuppressWarnings("unchecked")
                            Map<String, double[]> byName = (Map<String, double[]>) placed;
                            positions = byName;
                        }
                    }
                    case "send" -> {
                        long id = ((Number) r.getOrDefault("id", -1L)).longValue();
                        open.put(id, messages.size());
                        if (messages.size() == messageIds.length) {
                            messageIds = Arrays.copyOf(messageIds, messageIds.length * 2);
                        }
                        messageIds[messages.size()] = id;
                        messages.add(new Message(node(str(r, "from")), node(str(r, "to")), str(r, "msg"), t, -1, false, records.size() - 1,
                                false));
                    }
                    case "deliver", "drop" -> {
                        long id = ((Number) r.getOrDefault("id", -1L)).longValue();
                        Integer m = open.remove(id);
                        if (m != null) {
                            Message before = messages.get(m);
                            messages.set(m, new Message(before.from(), before.to(), before.type(), before.sendMicros(),
                                    type.equals("deliver") ? t : -1, type.equals("drop"), before.sendRecord(), before.duplicated()));
                        } else if ("true".equals(str(r, "dup"))) {
                            markDuplicated(id);
                        }
                    }
                    case "crash", "start", "restart", "pause", "resume", "sleep", "wake", "brown-out", "power-restored" -> {
                        TraceSpells.Edge edge = TraceSpells.of(type);
                        // A spell's end brings the node back up; a crash clears its role.
                        status(str(r, "node"), t, edge.begins() ? Status.valueOf(edge.kind().name()) : Status.UP,
                                edge.begins() && edge.kind() == TraceSpells.Kind.DOWN ? "" : null);
                    }
                    case "note" -> {
                        String event = str(r, "event");
                        for (String role : List.of("leader", "follower", "candidate")) {
                            if (event.endsWith("-" + role) || event.equals(role)) {
                                status(str(r, "node"), t, null, role);
                            }
                        }
                    }
                    case "invoke" -> {
                        long process = ((Number) r.getOrDefault("process", -1L)).longValue();
                        openOperations.put(process, operations.size());
                        operations.add(new Operation(process, str(r, "f"), str(r, "node"), t, -1, "open", records.size() - 1, -1));
                    }
                    case "ok", "fail", "info" -> {
                        Integer op = openOperations.remove(((Number) r.getOrDefault("process", -1L)).longValue());
                        if (op != null) {
                            Operation o = operations.get(op);
                            operations.set(op, new Operation(o.process(), o.f(), o.node(), o.invokeMicros(), t, type, o.invokeRecord(),
                                    records.size() - 1));
                        }
                    }
                    case "partition" -> {
                        if (partitionedSince >= 0) {
                            partitions.add(new Span(partitionedSince, t));
                        }
                        partitionedSince = t;
                        List<List<Integer>> groups = new ArrayList<>();
                        if (r.get("groups") instanceof List<?> gs) {
                            for (Object g : gs) {
                                groups.add(indexes(g));
                            }
                        }
                        reach.partition(t, groups);
                    }
                    case "cut" -> {
                        if (partitionedSince < 0) {
                            partitionedSince = t;   // a one-way cut is a network fault too, shaded until the heal
                        }
                        reach.cut(t, indexes(r.get("from")), indexes(r.get("to")));
                    }
                    case "heal" -> {
                        if (partitionedSince >= 0) {
                            partitions.add(new Span(partitionedSince, t));
                            partitionedSince = -1;
                        }
                        reach.heal(t);
                    }
                    case "energy" -> {
                        if (r.get("soc") instanceof Number soc) {
                            charge.add(node(str(r, "node")), t, soc.doubleValue());
                        }
                    }
                    case "invariant-violated" -> {
                        if (failureMicros < 0) {
                            failureMicros = t;
                            failure = str(r, "invariant") + ": " + str(r, "detail");
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        if (partitionedSince >= 0) {
            partitions.add(new Span(partitionedSince, endMicros));
        }
        records.trim();
        sendTimes = new long[messages.size()];
        for (int i = 0; i < sendTimes.length; i++) {
            Message m = messages.get(i);
            sendTimes[i] = m.sendMicros();
            if (m.deliverMicros() >= 0) {
                longestFlight = Math.max(longestFlight, m.deliverMicros() - m.sendMicros());
            }
        }
    }

    /**
     * The message {@code id} was delivered again (the trace's copy marked {@code dup}). Found by a
     * binary search over the ids in send order; a trace whose ids do not grow (a real run's) leaves
     * the copy unmarked rather than marking another message.
     */
    private void markDuplicated(long id) {
        int i = Arrays.binarySearch(messageIds, 0, messages.size(), id);
        if (i >= 0) {
            Message m = messages.get(i);
            messages.set(i, new Message(m.from(), m.to(), m.type(), m.sendMicros(), m.deliverMicros(), m.dropped(), m.sendRecord(), true));
        }
    }

    /** The node indexes of a list of node names in a record. */
    private List<Integer> indexes(Object names) {
        List<Integer> out = new ArrayList<>();
        if (names instanceof List<?> list) {
            for (Object name : list) {
                out.add(node(String.valueOf(name)));
            }
        }
        return out;
    }

    /** Whether a partition or cut stands between nodes {@code a} and {@code b} (either way) at {@code micros}. */
    public boolean cut(int a, int b, long micros) {
        return reach.cut(a, b, micros);
    }

    /** Whether a partition or cut stands between the run's node {@code node} and any other of its nodes at {@code micros}. */
    public boolean cutOff(int node, long micros) {
        return reach.cutOff(node, servers < 0 ? nodes.size() : servers, micros);
    }

    /** A battery node's state of charge (0 to 1) at {@code micros}, as last traced; NaN on mains. */
    public double charge(int node, long micros) {
        return charge.at(node, micros);
    }

    /**
     * The first message that may still be in flight at {@code micros} or later: none sent before it
     * minus the longest flight of the run can be. A view visits messages from here, not from the start.
     */
    public int firstMessageAround(long micros) {
        return firstAtOrAfter(sendTimes, sendTimes.length, micros - longestFlight);
    }

    /** The first of the first {@code n} sorted values that is at least {@code key}, or {@code n}. */
    static int firstAtOrAfter(long[] sorted, int n, long key) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int node(String name) {
        Integer i = nodeIndex.get(name);
        if (i == null) {
            i = nodes.size();
            nodes.add(name);
            nodeIndex.put(name, i);
            changes.add(new ArrayList<>(List.of(new Change(0, Status.UP, "", -1))));
        }
        return i;
    }

    /** A change of status, of role, or both (null keeps what was). A crash clears the role. */
    private void status(String name, long t, Status status, String role) {
        List<Change> list = changes.get(node(name));
        Change last = list.get(list.size() - 1);
        list.add(new Change(t, status == null ? last.status() : status, role == null ? last.role() : role, records.size() - 1));
    }

    /** Every endpoint seen: the run's nodes first, then clients. */
    public List<String> nodes() {
        return List.copyOf(nodes);
    }

    /** The run's own nodes (servers), without its clients. */
    public List<String> servers() {
        return List.copyOf(nodes.subList(0, servers < 0 ? nodes.size() : servers));
    }

    /**
     * Takes {@code micros} as the failure to jump to when it comes before what the trace itself
     * marked (a checker's verdict, say, found a failing operation there).
     */
    public void failAt(long micros, String what) {
        if (failureMicros < 0 || micros < failureMicros) {
            failureMicros = micros;
            failure = what;
        }
    }

    /**
     * Marks the operation client process {@code process} invoked at {@code invokeMicros} as a
     * checker's evidence: the one it could not place, or one of those it could not linearize with
     * it. The view highlights them. A mark never weakens (blocking stays blocking).
     */
    public void markEvidence(long process, long invokeMicros, Evidence what) {
        evidence.merge(List.of(process, invokeMicros), what, (a, b) -> a.compareTo(b) >= 0 ? a : b);
    }

    /** What a checker's evidence makes of {@code o}. */
    public Evidence evidence(Operation o) {
        return evidence.isEmpty() ? Evidence.NONE : evidence.getOrDefault(List.of(o.process(), o.invokeMicros()), Evidence.NONE);
    }

    /** The operations a checker named as evidence, in the order invoked. */
    public List<Operation> evidenceOperations() {
        return evidence.isEmpty() ? List.of() : operations.stream().filter(o -> evidence(o) != Evidence.NONE).toList();
    }

    /** Where the scenario placed each node it placed, by name: [x east, y north]. */
    public Map<String, double[]> positions() {
        return positions;
    }

    public int size() {
        return records.size();
    }

    public long time(int record) {
        return records.time(record);
    }

    public String type(int record) {
        return records.type(record);
    }

    public long endMicros() {
        return endMicros;
    }

    public List<Message> messages() {
        return messages;
    }

    /** Client operations in the order invoked. */
    public List<Operation> operations() {
        return operations;
    }

    /** The spans the network was partitioned, in order. */
    public List<Span> partitions() {
        return partitions;
    }

    /** When the first invariant broke (or -1), and what it said. */
    public long failureMicros() {
        return failureMicros;
    }

    public String failure() {
        return failure;
    }

    /** The node's status and role at {@code micros}: the last change at or before it. */
    public Change at(int node, long micros) {
        List<Change> list = changes.get(node);
        return list.get(Math.max(0, Timeline.lastAtOrBefore(list.size(), i -> list.get(i).micros(), micros)));
    }

    /**
     * The node's changes that hold somewhere in [{@code fromMicros}, {@code toMicros}]: the one in
     * effect at {@code fromMicros}, then each later one up to {@code toMicros}, in time order.
     */
    public List<Change> changesBetween(int node, long fromMicros, long toMicros) {
        List<Change> list = changes.get(node);
        int first = Math.max(0, Timeline.lastAtOrBefore(list.size(), i -> list.get(i).micros(), fromMicros));
        List<Change> out = new ArrayList<>();
        out.add(list.get(first));
        for (int i = first + 1; i < list.size() && list.get(i).micros() <= toMicros; i++) {
            out.add(list.get(i));
        }
        return out;
    }

    /** The first record at or after {@code micros}, or {@link #size()}. */
    public int recordAt(long micros) {
        return records.at(micros);
    }

    /**
     * The first record from {@code fromRecord} on whose text contains {@code query} (case as given),
     * or -1; read from the file.
     */
    public int find(String query, int fromRecord) throws IOException {
        return records.find(query, fromRecord);
    }

    /** The full text of record {@code record}, read back from the file. */
    public String text(int record) throws IOException {
        return records.text(record);
    }
}
