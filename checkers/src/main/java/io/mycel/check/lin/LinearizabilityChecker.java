package io.mycel.check.lin;

import io.mycel.check.History;
import io.mycel.check.MalformedHistoryException;
import io.mycel.check.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a history is linearizable with respect to a model: whether its operations can be
 * put in one order, consistent with real time, in which the model accepts each of them.
 *
 * <p>The history is split into independent objects by {@link Model#partitionKey} (P-compositionality:
 * a key-value map is linearizable exactly when each key is), and each object is searched with
 * Wing-Gong-Lowe just-in-time linearization and a cache of visited (linearized set, state) pairs.
 * Past the budget the verdict is {@code unknown}. On a failure the evidence is the operation that
 * could not be linearized, the longest linearization found, and a minimal failing set of operations.
 */
public final class LinearizabilityChecker {

    /** The check's name in verdict tables. */
    public static final String NAME = "linearizable";

    private LinearizabilityChecker() {
    }

    /**
     * @throws MalformedHistoryException when the model does not know an operation, naming its position
     */
    public static <S, O> LinearizabilityResult check(History history, Model<S, O> model, Budget budget) {
        long start = System.nanoTime();
        long deadline = start + budget.timeNanos();
        MemoryMeter meter = new MemoryMeter(budget.memoryBytes());
        List<Partition<O>> partitions = Partition.of(history, model);
        int searched = 0;
        List<WglSearch<S, O>> running = new ArrayList<>();
        for (Partition<O> partition : partitions) {
            searched += partition.operations().size();
            running.add(partition.search(model, partition.all(), deadline, meter));
        }
        long visited = 0;
        String unknown = "";
        // Round robin in growing slices: a key that fails fast is found before a key that takes
        // long is finished, while the total work for a linearizable history stays the same.
        boolean[] done = new boolean[running.size()];
        int remaining = running.size();
        for (long slice = 1 << 14; remaining > 0; slice *= 2) {
            for (int i = 0; i < running.size(); i++) {
                if (done[i]) {
                    continue;
                }
                WglSearch<S, O> search = running.get(i);
                WglSearch.Outcome outcome = search.run(slice);
                if (outcome == WglSearch.Outcome.RUNNING) {
                    continue;
                }
                done[i] = true;
                remaining--;
                visited += search.visited();
                switch (outcome) {
                    case LINEARIZABLE:
                        break;
                    case NOT_LINEARIZABLE: {
                        long verdictNanos = System.nanoTime() - start;
                        // Free what the other keys' searches hold: the evidence search needs the budget.
                        running.forEach(WglSearch::abandon);
                        running.clear();
                        LinearizabilityResult.Failure failure = failure(model, partitions.get(i), search,
                                Math.min(deadline, System.nanoTime() + budget.evidenceNanos()), meter);
                        return new LinearizabilityResult(Verdict.FAIL, model.name(), history.operations().size(),
                                searched, partitions.size(), visited, verdictNanos,
                                System.nanoTime() - start - verdictNanos, "", failure);
                    }
                    case OUT_OF_TIME:
                        unknown = "the time budget of " + budget.timeNanos() / 1_000_000 + " ms ran out"
                                + where(partitions.get(i));
                        break;
                    case OUT_OF_MEMORY:
                        unknown = "the memory budget of " + (budget.memoryBytes() >> 20) + " MiB ran out"
                                + where(partitions.get(i));
                        break;
                    default:
                        throw new IllegalStateException("unhandled outcome " + outcome);
                }
            }
        }
        Verdict verdict = unknown.isEmpty() ? Verdict.PASS : Verdict.UNKNOWN;
        return new LinearizabilityResult(verdict, model.name(), history.operations().size(), searched,
                partitions.size(), visited, System.nanoTime() - start, 0, unknown, null);
    }

    private static String where(Partition<?> partition) {
        return partition.key() == null ? "" : " on key " + partition.key();
    }


    private static <S, O> LinearizabilityResult.Failure failure(Model<S, O> model, Partition<O> partition,
                                                               WglSearch<S, O> search, long deadline, MemoryMeter meter) {
        List<History.Operation> ops = partition.operations();
        List<History.Operation> linearized = new ArrayList<>();
        for (int op : search.deepestOrder()) {
            linearized.add(ops.get(op));
        }
        @SuppressWarnings("unchecked")
        S state = (S) search.deepestState();
        Minimizer.Minimal minimal = new Minimizer<>(model, partition, search.blockingOp(), search.deepestOrder(), deadline, meter)
                .minimize();
        List<History.Operation> minimalOps = new ArrayList<>();
        for (int op : minimal.operations()) {
            minimalOps.add(ops.get(op));
        }
        return new LinearizabilityResult.Failure(partition.key(), ops.get(search.blockingOp()), linearized,
                model.describe(state), minimalOps, minimal.complete());
    }
}
