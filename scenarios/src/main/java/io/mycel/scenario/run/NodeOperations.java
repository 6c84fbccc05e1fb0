package io.mycel.scenario.run;

import io.mycel.check.Op;
import io.mycel.node.api.ClientAdapter;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.NodeOperation;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts the operations nodes perform on their own (a restarted node releasing its lost tasks' names)
 * into the history, read from the events they emit through the program's adapter. Each gets a
 * process number of its own from {@value #PROCESS_BASE} up, apart from clients' and final readers';
 * one never completed stays open, which checkers read as info.
 */
final class NodeOperations implements EventRecorder.NoteListener {

    static final long PROCESS_BASE = 2_000_000_000L;

    private final ClientAdapter adapter;
    private final HistoryRecorder history;
    private final Map<String, Op> open = new TreeMap<>();
    private long nextProcess = PROCESS_BASE;

    NodeOperations(ClientAdapter adapter, HistoryRecorder history) {
        this.adapter = adapter;
        this.history = history;
    }

    @Override
    public void onNote(long timeMicros, NodeId node, String event, String detail) {
        NodeOperation op = adapter.nodeOperation(node, event, detail);
        if (op == null) {
            return;
        }
        switch (op.phase()) {
            case INVOKE -> {
                if (!open.containsKey(op.id())) {
                    open.put(op.id(), history.invoke(timeMicros, nextProcess++, op.f(), op.value(), node.name(), false));
                }
            }
            case OK, FAIL -> {
                Op invoke = open.remove(op.id());
                if (invoke != null) {
                    history.complete(timeMicros, invoke, op.phase() == NodeOperation.Phase.OK ? Op.Type.OK : Op.Type.FAIL,
                            op.value());
                }
            }
        }
    }
}
