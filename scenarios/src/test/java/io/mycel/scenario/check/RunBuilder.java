package io.mycel.scenario.check;

import io.mycel.check.History;
import io.mycel.check.Op;
import io.mycel.node.api.NodeId;
import io.mycel.scenario.run.RunRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds a {@link RunRecord} by hand, as the simulator would trace it: nodes {@code n1..nN} start
 * at 0, the safety phase ends at {@code duration} and the run at {@code end}. Times are in
 * milliseconds here, for readable tests; events and notes may be added in any order.
 */
final class RunBuilder {

    private final List<NodeId> nodes = new ArrayList<>();
    private final long durationMicros;
    private final long endMicros;
    private final List<RunRecord.Event> events = new ArrayList<>();
    private final List<RunRecord.Note> notes = new ArrayList<>();
    private final List<Op> ops = new ArrayList<>();
    private long processes;

    private RunBuilder(int count, long durationMillis, long endMillis) {
        this.durationMicros = durationMillis * 1_000;
        this.endMicros = endMillis * 1_000;
        for (int i = 1; i <= count; i++) {
            NodeId id = NodeId.of("n" + i);
            nodes.add(id);
            events.add(new RunRecord.Start(0, id));
        }
    }

    static RunBuilder nodes(int count, long durationMillis, long endMillis) {
        return new RunBuilder(count, durationMillis, endMillis);
    }

    static long ms(long millis) {
        return millis * 1_000;
    }

    RunBuilder crash(long atMillis, String node) {
        events.add(new RunRecord.Crash(ms(atMillis), NodeId.of(node)));
        return this;
    }

    RunBuilder restart(long atMillis, String node) {
        events.add(new RunRecord.Restart(ms(atMillis), NodeId.of(node)));
        return this;
    }

    RunBuilder pause(long atMillis, String node) {
        events.add(new RunRecord.Pause(ms(atMillis), NodeId.of(node)));
        return this;
    }

    RunBuilder resume(long atMillis, String node) {
        events.add(new RunRecord.Resume(ms(atMillis), NodeId.of(node)));
        return this;
    }

    RunBuilder partition(long atMillis, List<String> group) {
        events.add(new RunRecord.Partition(ms(atMillis), List.of(group.stream().map(NodeId::of).toList())));
        return this;
    }

    RunBuilder cut(long atMillis, String from, String to) {
        events.add(new RunRecord.Cut(ms(atMillis), List.of(NodeId.of(from)), List.of(NodeId.of(to))));
        return this;
    }

    RunBuilder heal(long atMillis) {
        events.add(new RunRecord.Heal(ms(atMillis)));
        return this;
    }

    RunBuilder note(long atMillis, String node, String event, String detail) {
        notes.add(new RunRecord.Note(ms(atMillis), NodeId.of(node), event, detail));
        return this;
    }

    /** {@code node} declares {@code member} dead at the time. */
    RunBuilder dead(long atMillis, String node, String member) {
        return note(atMillis, node, "member-dead", member);
    }

    /** Every node but the given ones declares {@code member} dead at the time. */
    RunBuilder allDeclareDead(long atMillis, String member, String... except) {
        for (NodeId id : nodes) {
            if (!id.name().equals(member) && !List.of(except).contains(id.name())) {
                dead(atMillis, id.name(), member);
            }
        }
        return this;
    }

    /**
     * A client operation at {@code node}, invoked and completed at the times given; {@code outcome}
     * INFO with no completion time leaves it open.
     */
    RunBuilder op(String node, String f, Object value, long invokeMillis, long completeMillis, Op.Type outcome,
                  Object result) {
        long p = ++processes;
        ops.add(new Op(0, p, Op.Type.INVOKE, f, value, ms(invokeMillis), node, false));
        ops.add(new Op(0, p, outcome, f, result, ms(completeMillis), node, false));
        return this;
    }

    /** A final read after healing at {@code node}, answered with {@code result} (null: no answer). */
    RunBuilder finalRead(String node, String f, long atMillis, Object result) {
        long p = ++processes;
        ops.add(new Op(0, p, Op.Type.INVOKE, f, null, ms(atMillis), node, true));
        ops.add(new Op(0, p, result == null ? Op.Type.INFO : Op.Type.OK, f, result, ms(atMillis + 1), node, true));
        return this;
    }

    private List<RunRecord.ClientMessage> clientMessages;

    /** {@code client}'s request delivered to {@code node} at the time. */
    RunBuilder request(long atMillis, String client, String node) {
        return clientMessage(atMillis, client, node, true);
    }

    /** {@code node}'s answer sent to {@code client} at the time. */
    RunBuilder answer(long atMillis, String node, String client) {
        return clientMessage(atMillis, client, node, false);
    }

    private RunBuilder clientMessage(long atMillis, String client, String node, boolean request) {
        if (clientMessages == null) {
            clientMessages = new ArrayList<>();
        }
        clientMessages.add(new RunRecord.ClientMessage(ms(atMillis), NodeId.of(node), client, request));
        return this;
    }

    RunRecord build() {
        return build(0);
    }

    RunRecord build(long notesDropped) {
        // Stable sorts: what is added at one instant keeps the order it was added in, as in a trace.
        List<RunRecord.Event> sortedEvents = new ArrayList<>(events);
        sortedEvents.sort(Comparator.comparingLong(RunRecord.Event::timeMicros));
        List<RunRecord.Note> sortedNotes = new ArrayList<>(notes);
        sortedNotes.sort(Comparator.comparingLong(RunRecord.Note::timeMicros));
        List<Op> sortedOps = new ArrayList<>(ops);
        sortedOps.sort(Comparator.comparingLong(Op::timeMicros));
        List<Op> indexed = new ArrayList<>();
        for (Op op : sortedOps) {
            indexed.add(new Op(indexed.size(), op.process(), op.type(), op.f(), op.value(), op.timeMicros(), op.node(),
                    op.finalRead()));
        }
        List<RunRecord.ClientMessage> sortedMessages = null;
        if (clientMessages != null) {
            sortedMessages = new ArrayList<>(clientMessages);
            sortedMessages.sort(Comparator.comparingLong(RunRecord.ClientMessage::timeMicros));
        }
        return new RunRecord(new History(indexed), nodes, durationMicros, endMicros, sortedNotes, notesDropped,
                sortedEvents, java.util.Map.of(), sortedMessages);
    }
}
