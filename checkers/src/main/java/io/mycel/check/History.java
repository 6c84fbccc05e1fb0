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

    /**
     * An invocation and its completion; the completion is null when the history ended first.
     *
     * @param invokeAt the invocation's position in the history, from 0
     * @param completeAt the completion's position, or -1 when there is none
     */
    public record Operation(Op invoke, Op completion, int invokeAt, int completeAt) {

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

        /** The key the operation touches, or null. */
        public Object key() {
            return invoke.key() != null || completion == null ? invoke.key() : completion.key();
        }

        public long process() {
            return invoke.process();
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
        List<Integer> invokeAt = new ArrayList<>();
        List<Integer> completeAt = new ArrayList<>();
        for (int position = 0; position < ops.size(); position++) {
            Op op = ops.get(position);
            if (op.isInvoke()) {
                if (open.containsKey(op.process())) {
                    throw new MalformedHistoryException(position, "process " + op.process() + " invokes "
                            + op.f() + " while its " + invokes.get(open.get(op.process())).f()
                            + " invoked at position " + invokeAt.get(open.get(op.process())) + " is still open");
                }
                open.put(op.process(), invokes.size());
                invokes.add(op);
                completions.add(null);
                invokeAt.add(position);
                completeAt.add(-1);
            } else {
                Integer at = open.remove(op.process());
                if (at == null) {
                    throw new MalformedHistoryException(position, "process " + op.process() + " completes "
                            + op.f() + " but has no operation open");
                }
                if (!invokes.get(at).f().equals(op.f())) {
                    throw new MalformedHistoryException(position, "process " + op.process() + " completes "
                            + op.f() + " but its open operation is " + invokes.get(at).f());
                }
                completions.set(at, op);
                completeAt.set(at, position);
            }
        }
        for (int i = 0; i < invokes.size(); i++) {
            out.add(new Operation(invokes.get(i), completions.get(i), invokeAt.get(i), completeAt.get(i)));
        }
        return out;
    }
}
