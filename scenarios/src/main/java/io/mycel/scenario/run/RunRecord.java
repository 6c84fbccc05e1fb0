package io.mycel.scenario.run;

import io.mycel.check.History;
import io.mycel.node.api.NodeId;
import io.mycel.power.NodeEnergy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a check sees of one run: the client history, and what the trace says about the system
 * itself, that is the notes node code emitted and the changes of node state and network.
 *
 * <p>Times are virtual microseconds. A node's state is a step function of time that takes the value
 * left by every event up to and including that instant; a node that no event has started yet is not
 * up. A partition or cut is in force from its record until the next heal; the runner heals
 * everything at {@link #durationMicros()}.
 */
public final class RunRecord {

    /** What {@code NodeContext.emit(event, detail)} wrote, at the node, in run order. */
    /**
     * A client's request delivered to {@code node} ({@code request}), or a message {@code node} sent
     * to the client (an answer).
     */
    public record ClientMessage(long timeMicros, NodeId node, String client, boolean request) {
    }

    public record Note(long timeMicros, NodeId node, String event, String detail) {
    }

    /** A change of a node's state or of the network, as the simulator traced it. */
    public sealed interface Event permits NodeEvent, Partition, Cut, Heal, LinkChange, BrownOut {
        long timeMicros();
    }

    /** An event of one node's life. */
    public sealed interface NodeEvent extends Event permits Start, Crash, Restart, Pause, Resume {
        NodeId node();
    }

    /** The node's first process began (every node starts at time 0). */
    public record Start(long timeMicros, NodeId node) implements NodeEvent {
    }

    public record Crash(long timeMicros, NodeId node) implements NodeEvent {
    }

    public record Restart(long timeMicros, NodeId node) implements NodeEvent {
    }

    public record Pause(long timeMicros, NodeId node) implements NodeEvent {
    }

    public record Resume(long timeMicros, NodeId node) implements NodeEvent {
    }

    /** The servers split into groups; servers named in no group form one more group. */
    public record Partition(long timeMicros, List<List<NodeId>> groups) implements Event {
        public Partition {
            groups = groups.stream().map(List::copyOf).toList();
        }
    }

    /** Messages from every node of {@code from} to every node of {@code to} are stopped, one way. */
    public record Cut(long timeMicros, List<NodeId> from, List<NodeId> to) implements Event {
        public Cut {
            from = List.copyOf(from);
            to = List.copyOf(to);
        }
    }

    /** Every partition and cut ended. */
    public record Heal(long timeMicros) implements Event {
    }

    /**
     * The links' model changed (loss, latency, duplication, reordering): {@code degraded} when it is
     * no longer the scenario's own, as in a loss burst, and false when it is restored.
     */
    public record LinkChange(long timeMicros, boolean degraded) implements Event {
    }

    /**
     * The node's battery could no longer carry its load: it crashed (the crash is its own event,
     * right after), and starts again only once power is restored.
     */
    public record BrownOut(long timeMicros, NodeId node) implements Event {
    }

    /** A node was down from its crash until its next restart ({@code Long.MAX_VALUE}: never). */
    public record Downtime(NodeId node, long fromMicros, long untilMicros) {
    }

    private enum State { NOT_STARTED, UP, PAUSED, DOWN }

    private final History history;
    private final List<NodeId> nodes;
    private final long durationMicros;
    private final long endMicros;
    private final List<Note> notes;
    private final long notesDropped;
    private final List<Event> events;
    private final Map<NodeId, NodeEnergy.Activity> energy;
    private final List<ClientMessage> clientMessages;
    private final Map<NodeId, List<NodeEvent>> eventsByNode = new TreeMap<>();
    /** Spans [start, end) in which some partition or cut, or a degraded link model, was in force. */
    private final List<long[]> networkFaultSpans = new ArrayList<>();

    /**
     * @param nodes the servers of the run (clients are not nodes)
     * @param durationMicros the end of the safety phase, when every fault is mended
     * @param endMicros the end of the run
     * @param notesDropped notes left out because the run emitted more than the recorder keeps; the
     *                     notes given are then only the first ones
     */
    public RunRecord(History history, List<NodeId> nodes, long durationMicros, long endMicros,
                     List<Note> notes, long notesDropped, List<Event> events) {
        this(history, nodes, durationMicros, endMicros, notes, notesDropped, events, Map.of());
    }

    /** @param energy each battery-powered node's activity and energy over the run (none on mains power) */
    public RunRecord(History history, List<NodeId> nodes, long durationMicros, long endMicros,
                     List<Note> notes, long notesDropped, List<Event> events, Map<NodeId, NodeEnergy.Activity> energy) {
        this(history, nodes, durationMicros, endMicros, notes, notesDropped, events, energy, null);
    }

    /**
     * @param clientMessages client requests delivered to nodes and nodes' messages to clients, in
     *                       time order ({@link EventRecorder#keepClientMessages}), or null when the
     *                       run kept none
     */
    public RunRecord(History history, List<NodeId> nodes, long durationMicros, long endMicros, List<Note> notes,
                     long notesDropped, List<Event> events, Map<NodeId, NodeEnergy.Activity> energy,
                     List<ClientMessage> clientMessages) {
        if (durationMicros > endMicros || notesDropped < 0) {
            throw new IllegalArgumentException("a run ends after its safety phase and drops no negative count of notes: duration "
                    + durationMicros + "us, end " + endMicros + "us, notes dropped " + notesDropped);
        }
        this.history = history;
        this.nodes = List.copyOf(nodes);
        this.durationMicros = durationMicros;
        this.endMicros = endMicros;
        this.notes = List.copyOf(notes);
        this.notesDropped = notesDropped;
        this.events = List.copyOf(events);
        this.energy = java.util.Collections.unmodifiableMap(new TreeMap<>(energy));
        this.clientMessages = clientMessages == null ? null : List.copyOf(clientMessages);
        index();
    }

    /** Client requests delivered to nodes and nodes' messages to clients, in time order; null when the run kept none. */
    public List<ClientMessage> clientMessages() {
        return clientMessages;
    }

    /** Each battery-powered node's activity and energy over the run, by node; empty on mains power. */
    public Map<NodeId, NodeEnergy.Activity> energy() {
        return energy;
    }

    private void index() {
        long previous = Long.MIN_VALUE;
        long faultSince = -1;
        long degradedSince = -1;
        for (Event event : events) {
            if (event.timeMicros() < previous) {
                throw new IllegalArgumentException("events must come in time order; " + event + " follows time " + previous + "us");
            }
            previous = event.timeMicros();
            if (event instanceof NodeEvent e) {
                eventsByNode.computeIfAbsent(e.node(), k -> new ArrayList<>()).add(e);
            } else if (event instanceof LinkChange change) {
                if (change.degraded() && degradedSince < 0) {
                    degradedSince = change.timeMicros();
                } else if (!change.degraded() && degradedSince >= 0) {
                    if (degradedSince < change.timeMicros()) {
                        networkFaultSpans.add(new long[] {degradedSince, change.timeMicros()});
                    }
                    degradedSince = -1;
                }
            } else if (event instanceof Heal) {
                if (faultSince >= 0 && faultSince < event.timeMicros()) {
                    networkFaultSpans.add(new long[] {faultSince, event.timeMicros()});
                }
                faultSince = -1;
            } else if (faultSince < 0) {
                faultSince = event.timeMicros();   // a partition or cut while the network was whole
            }
        }
        if (faultSince >= 0) {
            networkFaultSpans.add(new long[] {faultSince, Long.MAX_VALUE});
        }
        if (degradedSince >= 0) {
            networkFaultSpans.add(new long[] {degradedSince, Long.MAX_VALUE});
        }
    }

    public History history() {
        return history;
    }

    public List<NodeId> nodes() {
        return nodes;
    }

    public long durationMicros() {
        return durationMicros;
    }

    public long endMicros() {
        return endMicros;
    }

    public List<Note> notes() {
        return notes;
    }

    /** Zero unless the run emitted more notes than the recorder keeps: checks that need every note cannot judge then. */
    public long notesDropped() {
        return notesDropped;
    }

    public List<Event> events() {
        return events;
    }

    /** One node's lifecycle events, in order. */
    public List<NodeEvent> eventsOf(NodeId node) {
        return eventsByNode.getOrDefault(node, List.of());
    }

    /** Every crash of the node, in time order, with when the node came back. */
    public List<Downtime> downtimesOf(NodeId node) {
        List<Downtime> out = new ArrayList<>();
        long since = -1;
        for (NodeEvent e : eventsOf(node)) {
            if (e instanceof Crash && since < 0) {
                since = e.timeMicros();
            } else if (e instanceof Restart && since >= 0) {
                out.add(new Downtime(node, since, e.timeMicros()));
                since = -1;
            }
        }
        if (since >= 0) {
            out.add(new Downtime(node, since, Long.MAX_VALUE));
        }
        return out;
    }

    /**
     * True when the node was up (started, not crashed, not paused) at every moment of [a, b]: up once
     * every event at {@code a} has happened, and no crash or pause in [a, b], not even one undone at
     * the same instant. The run begins at 0, so a window reaching before 0 is judged from 0.
     */
    public boolean upThroughout(NodeId node, long aMicros, long bMicros) {
        long a = Math.max(0, checkWindow(aMicros, bMicros));
        if (stateAt(node, a) != State.UP) {
            return false;
        }
        for (NodeEvent e : eventsOf(node)) {
            if (e.timeMicros() >= a && e.timeMicros() <= bMicros && (e instanceof Crash || e instanceof Pause)) {
                return false;
            }
        }
        return true;
    }

    /** True when the node was paused at some moment of [a, b]. */
    public boolean pausedDuring(NodeId node, long aMicros, long bMicros) {
        long a = checkWindow(aMicros, bMicros);
        if (stateAt(node, a) == State.PAUSED) {
            return true;
        }
        for (NodeEvent e : eventsOf(node)) {
            if (e.timeMicros() >= a && e.timeMicros() <= bMicros && e instanceof Pause) {
                return true;
            }
        }
        return false;
    }

    /** True when a partition, a one-way cut or a degraded link model (a loss burst, say) was in force at some moment of [a, b]. */
    public boolean networkFaultDuring(long aMicros, long bMicros) {
        checkWindow(aMicros, bMicros);
        for (long[] span : networkFaultSpans) {
            if (span[0] <= bMicros && span[1] > aMicros) {
                return true;
            }
        }
        return false;
    }

    /** How long the node was up within [a, b). */
    public long upMicros(NodeId node, long aMicros, long bMicros) {
        checkWindow(aMicros, bMicros);
        long total = 0;
        State state = State.NOT_STARTED;
        long since = Long.MIN_VALUE;
        for (NodeEvent e : eventsOf(node)) {
            State next = after(e);
            if (state == State.UP && next != State.UP) {
                total += overlap(since, e.timeMicros(), aMicros, bMicros);
            } else if (state != State.UP && next == State.UP) {
                since = e.timeMicros();
            }
            state = next;
        }
        if (state == State.UP) {
            total += overlap(since, Long.MAX_VALUE, aMicros, bMicros);
        }
        return total;
    }

    private static long overlap(long from, long until, long a, long b) {
        return Math.max(0, Math.min(until, b) - Math.max(from, a));
    }

    private State stateAt(NodeId node, long timeMicros) {
        State state = State.NOT_STARTED;
        for (NodeEvent e : eventsOf(node)) {
            if (e.timeMicros() > timeMicros) {
                break;
            }
            state = after(e);
        }
        return state;
    }

    private static State after(NodeEvent e) {
        if (e instanceof Crash) {
            return State.DOWN;
        }
        return e instanceof Pause ? State.PAUSED : State.UP;   // a start, restart or resume
    }

    private static long checkWindow(long aMicros, long bMicros) {
        if (aMicros > bMicros) {
            throw new IllegalArgumentException("a window [a, b] needs a <= b, got [" + aMicros + ", " + bMicros + "]");
        }
        return aMicros;
    }

    @Override
    public String toString() {
        return "RunRecord[nodes=" + nodes + ", duration=" + durationMicros + "us, end=" + endMicros + "us, notes="
                + notes.size() + ", events=" + events.size() + "]";
    }
}
