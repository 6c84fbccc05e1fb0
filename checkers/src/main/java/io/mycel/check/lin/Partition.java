package io.mycel.check.lin;

import io.mycel.check.History;
import java.util.List;

/**
 * The operations of one independent object, prepared by the model, in history order.
 *
 * @param key the object's key, or null when the history is one object
 */
record Partition<O>(Object key, List<History.Operation> operations, List<O> prepared) {

    /** A search over a subset of this partition's operations, given by index. */
    <S> WglSearch<S, O> search(Model<S, O> model, int[] subset, long deadlineNanos, MemoryMeter meter) {
        return search(model, subset, -1, deadlineNanos, meter);
    }

    /**
     * A search over a subset in which operation {@code anyTime} (an index into this partition, or -1
     * for none) is taken as concurrent with all the others: it must still take effect, but may do so
     * at any point. It asks whether that operation's result is explained by the others at all.
     */
    <S> WglSearch<S, O> search(Model<S, O> model, int[] subset, int anyTime, long deadlineNanos,
                               MemoryMeter meter) {
        @SuppressWarnings("unchecked")
        O[] ops = (O[]) new Object[subset.length];
        int[] callAt = new int[subset.length];
        int[] returnAt = new int[subset.length];
        for (int i = 0; i < subset.length; i++) {
            History.Operation op = operations.get(subset[i]);
            ops[i] = prepared.get(subset[i]);
            callAt[i] = op.invokeAt();
            // A fail that a model keeps (a cas whose compare failed) completed like an ok.
            returnAt[i] = op.completeAt() >= 0 && op.outcome() != io.mycel.check.Op.Type.INFO ? op.completeAt() : -1;
        }
        for (int i = 0; i < subset.length; i++) {
            if (subset[i] == anyTime) {
                int last = 0;
                for (int j = 0; j < subset.length; j++) {
                    last = Math.max(last, Math.max(callAt[j], returnAt[j]));
                }
                // Called before everything; returns after every known return, before the unknown ones.
                callAt[i] = -1;
                returnAt[i] = last + 1;
            }
        }
        return new WglSearch<>(model, ops, callAt, returnAt, deadlineNanos, meter);
    }

    int[] all() {
        int[] all = new int[operations.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }
}
