package io.mycel.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A history of operations in real-time order, and its operations paired as (invocation,
 * completion). An invocation with no completion is treated as info: its outcome is unknown.
 */
public final class History {

    /** An invocation and its completion; the completion is null when the history ended first. */
    public record Operation(Op invoke, Op completion) {

        public Op.Type outcome() {
            return completion == null ? Op.Type.INFO : completion.type();
        }

        public boolean isOk() {
            return outcome() == Op.Type.OK;
        }

        /** When the operation completed, or never (Long.MAX_VALUE) when it is unknown. */
        public long completedMicros() {
            return completion == null || completion.type() == Op.Type.INFO ? Long.MAX_VALUE : completion.timeMicros();
        }

        /** The completion's value when it has one, else the invocation's. */
        public Object value() {
            return completion != null && completion.value() != null ? completion.value() : invoke.value();
        }

        public String f() {
            return invoke.f();
        }
    }

    private final List<Op> ops;
    private final List<Operation> operations;

    public History(List<Op> ops) {
        this.ops = List.copyOf(ops);
        this.operations = Collections.unmodifiableList(pair(this.ops));
    }

    public List<Op> ops() {
        return ops;
    }

    public List<Operation> operations() {
        return operations;
    }

    private static List<Operation> pair(List<Op> ops) {
        List<Operation> out = new ArrayList<>();
        Map<Long, Integer> open = new HashMap<>();
        List<Op> invokes = new ArrayList<>();
        List<Op> completions = new ArrayList<>();
        for (Op op : ops) {
            if (op.isInvoke()) {
                if (open.containsKey(op.process())) {
                    throw new IllegalArgumentException("process " + op.process() + " invokes at index " + op.index()
                            + " while its operation at index " + invokes.get(open.get(op.process())).index() + " is open");
                }
                open.put(op.process(), invokes.size());
                invokes.add(op);
                completions.add(null);
            } else {
                Integer at = open.remove(op.process());
                if (at == null) {
                    throw new IllegalArgumentException("process " + op.process() + " completes at index " + op.index()
                            + " with nothing open");
                }
                completions.set(at, op);
            }
        }
        for (int i = 0; i < invokes.size(); i++) {
            out.add(new Operation(invokes.get(i), completions.get(i)));
        }
        return out;
    }
}
