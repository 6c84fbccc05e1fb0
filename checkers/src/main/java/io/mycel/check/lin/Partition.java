package io.mycel.check.lin;

import io.mycel.check.History;
import io.mycel.check.MalformedHistoryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations of one independent object, prepared by the model, in history order.
 *
 * @param key the object's key, or null when the history is one object
 * @param prepared each operation as the model prepared it, by the same index
 */
public record Partition<O>(Object key, List<History.Operation> operations, List<O> prepared) {

    /**
     * The history's operations that the model keeps ({@link Model#prepare}), grouped by
     * {@link Model#partitionKey} in order of first appearance.
     *
     * @throws MalformedHistoryException when the model does not know an operation, naming its position
     */
    public static <S, O> List<Partition<O>> of(History history, Model<S, O> model) {
        Map<Object, List<History.Operation>> operations = new LinkedHashMap<>();
        Map<Object, List<O>> prepared = new LinkedHashMap<>();
        List<History.Operation> everywhere = new ArrayList<>();
        List<O> everywherePrepared = new ArrayList<>();
        for (History.Operation op : history.operations()) {
            O step;
            Object key;
            boolean all;
            try {
                step = model.prepare(op);
                all = step != null && model.touchesEveryObject(op);
                key = step == null || all ? null : model.partitionKey(op);
            } catch (IllegalArgumentException e) {
                throw new MalformedHistoryException(op.invokeAt(), e.getMessage());
            }
            if (step == null) {
                continue;
            }
            if (all) {
                everywhere.add(op);
                everywherePrepared.add(step);
                continue;
            }
            Object slot = key == null ? NoKey.NONE : key;
            operations.computeIfAbsent(slot, k -> new ArrayList<>()).add(op);
            prepared.computeIfAbsent(slot, k -> new ArrayList<>()).add(step);
        }
        List<Partition<O>> partitions = new ArrayList<>();
        for (Map.Entry<Object, List<History.Operation>> entry : operations.entrySet()) {
            Object key = entry.getKey() == NoKey.NONE ? null : entry.getKey();
            List<History.Operation> ops = entry.getValue();
            List<O> steps = prepared.get(entry.getKey());
            if (!everywhere.isEmpty()) {
                List<History.Operation> mergedOps = new ArrayList<>();
                List<O> mergedSteps = new ArrayList<>();
                merge(ops, steps, everywhere, everywherePrepared, mergedOps, mergedSteps);
                ops = mergedOps;
                steps = mergedSteps;
            }
            partitions.add(new Partition<>(key, ops, steps));
        }
        return partitions;
    }

    /** Both lists in history order (by invocation), as one. */
    private static <O> void merge(List<History.Operation> aOps, List<O> aSteps, List<History.Operation> bOps,
                                  List<O> bSteps, List<History.Operation> outOps, List<O> outSteps) {
        int i = 0;
        int j = 0;
        while (i < aOps.size() || j < bOps.size()) {
            boolean takeA = j == bOps.size() || (i < aOps.size() && aOps.get(i).invokeAt() < bOps.get(j).invokeAt());
            if (takeA) {
                outOps.add(aOps.get(i));
                outSteps.add(aSteps.get(i++));
            } else {
                outOps.add(bOps.get(j));
                outSteps.add(bSteps.get(j++));
            }
        }
    }

    /** Stands for "no key" in the map of partitions, whose keys cannot be null. */
    private enum NoKey { NONE }


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
