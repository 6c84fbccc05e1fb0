package io.mycel.scenario.run;

import io.mycel.check.History;
import io.mycel.node.api.NodeId;
import io.mycel.sim.TraceSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sits between the simulation and the trace writer: passes every record on unchanged, so the trace
 * and its hash are what they were without it, and keeps the records checks judge, the notes node
 * code emitted and the changes of node state and network, for the {@link RunRecord}.
 */
public final class EventRecorder implements TraceSink {

    /**
     * Most notes kept from one run. A chatty protocol on many nodes could emit far more than a check
     * needs to hold in memory; past this the notes are counted, not kept, and checks that need every
     * note answer unknown.
     */
    static final int MAX_NOTES = 1_000_000;

    /** Hears every note node code emits, as it is emitted. */
    interface NoteListener {
        void onNote(long timeMicros, NodeId node, String event, String detail);
    }

    private final TraceSink trace;
    /** The {@code network} record fields of the scenario's own link: any other link is a degraded network. */
    private final List<Object> baselineNetwork;
    private final List<RunRecord.Note> notes = new ArrayList<>();
    private final List<RunRecord.Event> events = new ArrayList<>();
    /** Only looked up, never iterated: one id object per name however many notes name it. */
    private final Map<String, NodeId> ids = new HashMap<>();
    private long notesDropped;
    private NoteListener listener;

    public EventRecorder(TraceSink trace, Object[] baselineNetwork) {
        this.trace = trace;
        this.baselineNetwork = Arrays.asList(baselineNetwork);
    }

    @Override
    public void record(long timeMicros, String type, Object... fields) {
        if (trace.enabled()) {
            trace.record(timeMicros, type, fields);
        }
        switch (type) {
            case "note" -> note(timeMicros, fields);
            case "start" -> events.add(new RunRecord.Start(timeMicros, id(field(fields, "node"))));
            case "restart" -> events.add(new RunRecord.Restart(timeMicros, id(field(fields, "node"))));
            case "crash" -> events.add(new RunRecord.Crash(timeMicros, id(field(fields, "node"))));
            case "pause" -> events.add(new RunRecord.Pause(timeMicros, id(field(fields, "node"))));
            case "resume" -> events.add(new RunRecord.Resume(timeMicros, id(field(fields, "node"))));
            case "partition" -> events.add(new RunRecord.Partition(timeMicros, groups(field(fields, "groups"))));
            case "cut" -> events.add(new RunRecord.Cut(timeMicros, ids(field(fields, "from")), ids(field(fields, "to"))));
            case "heal" -> events.add(new RunRecord.Heal(timeMicros));
            case "brown-out" -> events.add(new RunRecord.BrownOut(timeMicros, id(field(fields, "node"))));
            case "energy" -> energy(timeMicros, fields);
            case "network" -> events.add(new RunRecord.LinkChange(timeMicros, !Arrays.asList(fields).equals(baselineNetwork)));
            case "deliver", "send" -> {
                if (clientMessages != null) {
                    clientMessage(timeMicros, type.equals("deliver"), fields);
                }
            }
            default -> {
                // sends, deliveries, timers, client operations: the history and the trace file hold those
            }
        }
    }

    /** Client requests delivered to nodes and nodes' messages to clients, when a check asked for them; else null. */
    private List<RunRecord.ClientMessage> clientMessages;

    /**
     * Keeps every client request a node was delivered and every message a node sent to a client
     * (client names start with '@', node names cannot hold one), for checks that judge answers.
     * Off by default: a long run's messages are many, and most checks need none of them.
     */
    public void keepClientMessages() {
        clientMessages = new ArrayList<>();
    }

    private void clientMessage(long timeMicros, boolean delivered, Object[] fields) {
        String from = (String) field(fields, "from");
        String to = (String) field(fields, "to");
        boolean request = delivered && from.startsWith("@") && !to.startsWith("@");
        boolean answer = !delivered && !from.startsWith("@") && to.startsWith("@");
        if (request || answer) {
            clientMessages.add(new RunRecord.ClientMessage(timeMicros, id(request ? to : from), request ? from : to, request));
        }
    }

    /** One reading of a node's energy, for the run's power plot. */
    record EnergySample(long timeMicros, NodeId node, double soc, double harvestWatts, double loadWatts) {
    }

    private final List<EnergySample> energy = new ArrayList<>();

    private void energy(long timeMicros, Object[] fields) {
        energy.add(new EnergySample(timeMicros, id(field(fields, "node")), (Double) field(fields, "soc"),
                (Double) field(fields, "harvest"), (Double) field(fields, "load")));
    }

    /** The energy readings of the run, in time order; empty for a run on mains power. */
    List<EnergySample> energySamples() {
        return energy;
    }

    /** Records are kept whether or not the trace writer keeps them: checks need them either way. */
    @Override
    public boolean enabled() {
        return true;
    }

    /** One listener at most; null for none. */
    void listen(NoteListener listener) {
        this.listener = listener;
    }

    public RunRecord toRunRecord(History history, List<NodeId> nodes, long durationMicros, long endMicros,
                          Map<NodeId, io.mycel.power.NodeEnergy.Activity> energy) {
        return new RunRecord(history, nodes, durationMicros, endMicros, notes, notesDropped, events, energy, clientMessages);
    }

    private void note(long timeMicros, Object[] fields) {
        if (listener != null) {
            listener.onNote(timeMicros, id(field(fields, "node")), (String) field(fields, "event"), (String) field(fields, "detail"));
        }
        if (notes.size() >= MAX_NOTES) {
            notesDropped++;
            return;
        }
        notes.add(new RunRecord.Note(timeMicros, id(field(fields, "node")), (String) field(fields, "event"),
                (String) field(fields, "detail")));
    }

    private static Object field(Object[] fields, String name) {
        for (int i = 0; i + 1 < fields.length; i += 2) {
            if (name.equals(fields[i])) {
                return fields[i + 1];
            }
        }
        throw new IllegalStateException("trace record without its field '" + name + "': the simulator's record format changed");
    }

    private NodeId id(Object name) {
        return ids.computeIfAbsent((String) name, NodeId::of);
    }

    private List<NodeId> ids(Object names) {
        List<NodeId> out = new ArrayList<>();
        for (Object name : (List<?>) names) {
            out.add(id(name));
        }
        return out;
    }

    private List<List<NodeId>> groups(Object groups) {
        List<List<NodeId>> out = new ArrayList<>();
        for (Object group : (List<?>) groups) {
            out.add(ids(group));
        }
        return out;
    }
}
