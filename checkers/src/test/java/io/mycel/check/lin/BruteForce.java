package io.mycel.check.lin;

import io.mycel.check.History;
import io.mycel.check.Op;

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
        for (Partition<Object> partition : Partition.of(history, model)) {
            if (!search(model, partition, new boolean[partition.operations().size()], model.initialState())) {
                return false;
            }
        }
        return true;
    }

    private static boolean search(Model<Object, Object> model, Partition<Object> ops, boolean[] done, Object state) {
        boolean allKnownDone = true;
        for (int i = 0; i < ops.operations().size(); i++) {
            if (!done[i] && known(ops.operations().get(i))) {
                allKnownDone = false;
            }
        }
        if (allKnownDone) {
            return true;
        }
        for (int i = 0; i < ops.operations().size(); i++) {
            if (done[i] || !ready(ops, done, i)) {
                continue;
            }
            Object after = model.step(state, ops.prepared().get(i));
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
    private static boolean ready(Partition<Object> ops, boolean[] done, int i) {
        int invokedAt = ops.operations().get(i).invokeAt();
        for (int j = 0; j < ops.operations().size(); j++) {
            History.Operation other = ops.operations().get(j);
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
