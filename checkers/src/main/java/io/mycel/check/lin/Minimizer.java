package io.mycel.check.lin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds a small set of operations that shows why a history is not linearizable: the operation that
 * could not be linearized, and the fewest others that make it so.
 *
 * <p>A set is good evidence when (1) it is not linearizable, (2) without the blocking operation it is
 * linearizable (so the set is about that operation), and (3) it becomes linearizable if the blocking
 * operation may take effect at any time: its result is explained by the others, and what is wrong
 * is when it happened. (3) keeps the write a stale read saw in the set, which makes the evidence
 * read as a story: this was written, then that, and then the old value was read. When the blocking
 * operation returns what nothing explains (a value nothing wrote), (3) is dropped and the evidence
 * may be that operation alone; when the history holds another anomaly that (2) cannot avoid, (2) is
 * dropped too.
 *
 * <p>The search starts from a good set and shrinks it by delta debugging (ddmin): drop large chunks
 * first, then smaller ones, down to single operations. The result is 1-minimal when it finishes
 * within its budget. The first starts tried are the last few operations the checker did linearize
 * (4, then 16, 64 and 256 of them) with those still open when the blocking one completed: in a
 * history with many anomalies (a leader serving stale reads for a while) a larger start holds other
 * anomalies too and fails (2) or (3), and only the blocking operation alone would be left. So each
 * start is first peeled: while it is not linearizable without the blocking operation, the operation
 * its search stuck at (another anomaly) is taken out. After those starts come every operation
 * invoked before the blocking one completed, then every operation, unpeeled.
 */
final class Minimizer<S, O> {

    /** A candidate that takes more search steps than this is not evidence: evidence is meant to be small. */
    private static final long STEPS_PER_SEARCH = 1 << 18;
    /** Most other anomalies taken out of a start before it is given up on. */
    private static final int MAX_PEELED = 32;

    /** What came of a minimization. */
    record Minimal(int[] operations, boolean complete) {
    }

    private final Model<S, O> model;
    private final Partition<O> partition;
    private final int blocking;
    /** The operations the checker linearized before it stuck, in that order. */
    private final int[] linearized;
    private final long deadlineNanos;
    private final MemoryMeter meter;
    private boolean outOfBudget;
    private boolean undecided;
    private boolean requireBlocking = true;
    private boolean requireExplained = true;

    Minimizer(Model<S, O> model, Partition<O> partition, int blocking, int[] linearized, long deadlineNanos, MemoryMeter meter) {
        this.model = model;
        this.partition = partition;
        this.blocking = blocking;
        this.linearized = linearized;
        this.deadlineNanos = deadlineNanos;
        this.meter = meter;
    }

    Minimal minimize() {
        // Operations invoked after the blocking one completed cannot have kept it from taking
        // effect before it completed; start from those invoked earlier, or everything if need be.
        int blockingReturn = partition.operations().get(blocking).completeAt();
        List<Integer> earlier = new ArrayList<>();
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < partition.operations().size(); i++) {
            if (i != blocking) {
                all.add(i);
                if (blockingReturn < 0 || partition.operations().get(i).invokeAt() < blockingReturn) {
                    earlier.add(i);
                }
            }
        }
        List<Integer> start = null;
        List<List<Integer>> candidates = new ArrayList<>();
        for (List<Integer> last : lastLinearized(earlier)) {
            candidates.add(peeled(last));
        }
        candidates.add(earlier);
        candidates.add(all);
        for (List<Integer> candidate : candidates) {
            if (start == null && !outOfBudget && good(candidate)) {
                start = candidate;
            }
        }
        if (start == null && !outOfBudget) {
            // No order of the others explains the blocking operation's result (it read a value
            // nothing wrote, say): then it is the anomaly, alone if need be.
            requireExplained = false;
            start = good(earlier) ? earlier : good(all) ? all : null;
        }
        if (start == null && !outOfBudget) {
            // The history fails elsewhere too, without the blocking operation: settle for any
            // failing set that holds it.
            requireBlocking = false;
            start = good(earlier) ? earlier : all;
        }
        List<Integer> current = start == null ? all : shrink(start);
        List<Integer> result = new ArrayList<>(current);
        result.add(blocking);
        result.sort(Integer::compare);
        return new Minimal(result.stream().mapToInt(Integer::intValue).toArray(),
                start != null && !outOfBudget && !undecided);
    }

    /**
     * The last 4, 16, 64 and 256 operations linearized, each with the operations of {@code earlier}
     * that were not linearized (open when the blocking one completed), in index order; only those
     * smaller than {@code earlier} itself.
     */
    private List<List<Integer>> lastLinearized(List<Integer> earlier) {
        java.util.Set<Integer> done = new java.util.HashSet<>();
        for (int op : linearized) {
            done.add(op);
        }
        List<Integer> open = earlier.stream().filter(i -> !done.contains(i)).toList();
        List<List<Integer>> out = new ArrayList<>();
        for (int count = 4; count <= 256 && count < linearized.length; count *= 4) {
            java.util.TreeSet<Integer> set = new java.util.TreeSet<>(open);
            for (int i = linearized.length - count; i < linearized.length; i++) {
                set.add(linearized[i]);
            }
            set.remove(blocking);
            if (set.size() < earlier.size()) {
                out.add(new ArrayList<>(set));
            }
        }
        return out;
    }

    /**
     * {@code start} without the other anomalies it holds: while it is not linearizable without the
     * blocking operation, the operation its search stuck at is dropped (at most {@link #MAX_PEELED}).
     */
    private List<Integer> peeled(List<Integer> start) {
        List<Integer> current = new ArrayList<>(start);
        for (int round = 0; round < MAX_PEELED && !outOfBudget && !current.isEmpty(); round++) {
            int[] subset = current.stream().mapToInt(Integer::intValue).sorted().toArray();
            WglSearch<S, O> search = partition.search(model, subset, -1, deadlineNanos, meter);
            WglSearch.Outcome outcome = search.run(STEPS_PER_SEARCH);
            if (outcome == WglSearch.Outcome.RUNNING) {
                search.abandon();
                return current;
            }
            if (outcome == WglSearch.Outcome.OUT_OF_TIME || outcome == WglSearch.Outcome.OUT_OF_MEMORY) {
                outOfBudget = true;
            }
            if (outcome != WglSearch.Outcome.NOT_LINEARIZABLE || search.blockingOp() < 0) {
                return current;
            }
            current.remove(Integer.valueOf(subset[search.blockingOp()]));
        }
        return current;
    }

    private List<Integer> shrink(List<Integer> start) {
        List<Integer> current = start;
        int chunks = 2;
        while (!current.isEmpty() && !outOfBudget) {
            int size = (current.size() + chunks - 1) / chunks;
            boolean shrunk = false;
            for (int from = 0; from < current.size() && !outOfBudget; from += size) {
                List<Integer> rest = new ArrayList<>(current.subList(0, from));
                rest.addAll(current.subList(Math.min(current.size(), from + size), current.size()));
                if (good(rest)) {
                    current = rest;
                    chunks = Math.max(chunks - 1, 2);
                    shrunk = true;
                    break;
                }
            }
            if (!shrunk) {
                if (size == 1) {
                    break;
                }
                chunks = Math.min(current.size(), chunks * 2);
            }
        }
        return current;
    }

    private boolean good(List<Integer> others) {
        return outcome(others, true, false) == WglSearch.Outcome.NOT_LINEARIZABLE
                && (!requireBlocking || outcome(others, false, false) == WglSearch.Outcome.LINEARIZABLE)
                && (!requireExplained || outcome(others, true, true) == WglSearch.Outcome.LINEARIZABLE);
    }

    private WglSearch.Outcome outcome(List<Integer> others, boolean withBlocking, boolean blockingAnyTime) {
        if (outOfBudget) {
            return WglSearch.Outcome.OUT_OF_TIME;
        }
        List<Integer> subset = new ArrayList<>(others);
        if (withBlocking) {
            subset.add(blocking);
        }
        subset.sort(Integer::compare);
        WglSearch<S, O> search = partition.search(model, subset.stream().mapToInt(Integer::intValue).toArray(),
                blockingAnyTime ? blocking : -1, deadlineNanos, meter);
        WglSearch.Outcome outcome = search.run(STEPS_PER_SEARCH);
        if (outcome == WglSearch.Outcome.RUNNING) {
            // Too hard to decide cheaply: this candidate is no evidence; try another. The result
            // can then not be called minimal: a smaller set may have been passed over.
            search.abandon();
            undecided = true;
            return outcome;
        }
        if (outcome == WglSearch.Outcome.OUT_OF_TIME || outcome == WglSearch.Outcome.OUT_OF_MEMORY) {
            outOfBudget = true;
        }
        return outcome;
    }
}
