package io.mycel.check.lin;

import io.mycel.check.History;
import io.mycel.check.Verdict;
import java.util.List;

/**
 * A linearizability verdict and what backs it.
 *
 * @param operations operations in the history
 * @param searched operations the search had to place (failed writes and unanswered reads need not)
 * @param partitions independent objects checked (keys, for a key-value history)
 * @param statesVisited distinct (linearized set, state) pairs explored, summed over partitions
 * @param elapsedNanos wall time to the verdict
 * @param evidenceNanos wall time spent after the verdict on the evidence (the minimal set)
 * @param reason for unknown: which limit the check met; otherwise empty
 * @param failure for fail: the evidence; otherwise null
 */
public record LinearizabilityResult(Verdict verdict, String model, int operations, int searched, int partitions,
                                    long statesVisited, long elapsedNanos, long evidenceNanos, String reason,
                                    Failure failure) {

    /**
     * Why a history is not linearizable.
     *
     * @param key the object (key) whose history fails, or null for a single object
     * @param blocking the operation that could not be linearized before it completed, at the deepest
     *     point the search reached
     * @param linearized the longest linearization found, in order: every operation in it took effect
     *     legally, and the blocking operation could not follow
     * @param stateAfter the model's state after the linearized operations, as a person reads it
     * @param minimal a small set of operations, the blocking one among them, that is not linearizable
     *     by itself, in history order
     * @param minimalComplete true when no single operation more could be dropped from the minimal set;
     *     false when the budget ran out first
     */
    public record Failure(Object key, History.Operation blocking, List<History.Operation> linearized,
                          String stateAfter, List<History.Operation> minimal, boolean minimalComplete) {
    }

    public double elapsedMillis() {
        return elapsedNanos / 1e6;
    }
}
