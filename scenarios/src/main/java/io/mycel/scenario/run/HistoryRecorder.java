package io.mycel.scenario.run;

import io.mycel.check.HistoryJson;
import io.mycel.check.Op;
import io.mycel.sim.TraceSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects the client history of a run, keeps it for the checkers, streams it to the history file
 * and puts each operation in the trace as {@code invoke}, {@code ok}, {@code fail} or {@code info}.
 */
public final class HistoryRecorder {

    private final List<Op> ops = new ArrayList<>();
    private final Map<Integer, List<Integer>> performed = new TreeMap<>();
    private final TraceSink trace;
    private final HistoryJson.Writer file;

    public HistoryRecorder(TraceSink trace, HistoryJson.Writer file) {
        this.trace = trace;
        this.file = file;
    }

    Op invoke(long timeMicros, long process, String f, Object value, String node, boolean finalRead) {
        return add(new Op(ops.size(), process, Op.Type.INVOKE, f, value, timeMicros, node, finalRead));
    }

    Op complete(long timeMicros, Op invoke, Op.Type type, Object value) {
        return add(new Op(ops.size(), invoke.process(), type, invoke.f(), value, timeMicros, invoke.node(), invoke.finalRead()));
    }

    private Op add(Op op) {
        ops.add(op);
        if (file != null) {
            file.write(op);
        }
        if (trace.enabled()) {
            trace.record(op.timeMicros(), op.type().jsonName(), "process", op.process(), "node", op.node(),
                    "f", op.f(), "value", op.value(), "index", op.index());
        }
        return op;
    }

    /** Notes that workload client {@code client} performs its operation {@code number}. */
    void performed(int client, int number) {
        performed.computeIfAbsent(client, c -> new ArrayList<>()).add(number);
    }

    /** The operations each workload client performed, by client and operation number. */
    public Map<Integer, List<Integer>> performed() {
        return performed;
    }

    public List<Op> ops() {
        return ops;
    }
}
