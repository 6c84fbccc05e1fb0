package io.mycel.check.lin;

import io.mycel.check.History;
import io.mycel.check.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * The definition of linearizability, searched by brute force: try every order of the operations
 * that respects real time (an operation that completed before another was invoked goes first),
 * where operations of unknown outcome may be left out. No cache, no pruning, no cleverness; only
 * for histories of a handful of operations. The oracle the real checker is tested against.
 */
final class BruteForce {

    private BruteForce() {
    }

    @SuppressWarnings("unchecked")
    static boolean linearizable(History history, Model<?, ?> anyModel) {
        Model<Object, Object> model = (Model<Object, Object>) anyModel;
        java.util.Map<Object, List<Object[]>> partitions = new java.util.LinkedHashMap<>();
        for (History.Operation op : history.operations()) {
            Object step = model.prepare(op);
            if (step != null) {
                Object key = model.partitionKey(op);
                partitions.computeIfAbsent(key == null ? "" : key, k -> new ArrayList<>()).add(new Object[] {op, step});
            }
        }
        for (List<Object[]> ops : partitions.values()) {
            if (!search(model, ops, new boolean[ops.size()], model.initialState())) {
                return false;
            }
        }
        return true;
    }

    private static boolean search(Model<Object, Object> model, List<Object[]> ops, boolean[] done, Object state) {
        boolean allKnownDone = true;
        for (int i = 0; i < ops.size(); i++) {
            if (!done[i] && known((History.Operation) ops.get(i)[0])) {
                allKnownDone = false;
            }
        }
        if (allKnownDone) {
            return true;
        }
        for (int i = 0; i < ops.size(); i++) {
            if (done[i] || !ready(ops, done, i)) {
                continue;
            }
            Object after = model.step(state, ops.get(i)[1]);
            if (after != null) {
                done[i] = true;
                boolean found = search(model, ops, done, after);
                done[i] = false;
                if (found) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every known operation that completed before this one was invoked is already placed. */
    private static boolean ready(List<Object[]> ops, boolean[] done, int i) {
        int invokedAt = ((History.Operation) ops.get(i)[0]).invokeAt();
        for (int j = 0; j < ops.size(); j++) {
            History.Operation other = (History.Operation) ops.get(j)[0];
            if (!done[j] && known(other) && other.completeAt() < invokedAt) {
                return false;
            }
        }
        return true;
    }

    private static boolean known(History.Operation op) {
        return op.completeAt() >= 0 && op.outcome() != Op.Type.INFO;
    }
}
