package io.mycel.check;

import java.util.ArrayList;
import java.util.List;

/** Writes histories for tests: {@code invoke(...)} then {@code ok(...)} per process. */
final class HistoryBuilder {

    private final List<Op> ops = new ArrayList<>();
    private long time;

    HistoryBuilder invoke(long process, String f, Object value, String node) {
        ops.add(new Op(ops.size(), process, Op.Type.INVOKE, f, value, time++, node, false));
        return this;
    }

    HistoryBuilder invokeFinal(long process, String node) {
        ops.add(new Op(ops.size(), process, Op.Type.INVOKE, "read", null, time++, node, true));
        return this;
    }

    HistoryBuilder complete(long process, Op.Type type, String f, Object value) {
        Op invoke = null;
        for (int i = ops.size() - 1; i >= 0; i--) {
            if (ops.get(i).process() == process) {
                invoke = ops.get(i);
                break;
            }
        }
        ops.add(new Op(ops.size(), process, type, f, value, time++, invoke.node(), invoke.finalRead()));
        return this;
    }

    History build() {
        return new History(ops);
    }
}
