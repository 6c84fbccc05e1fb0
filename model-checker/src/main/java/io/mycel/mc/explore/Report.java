package io.mycel.mc.explore;

import io.mycel.mc.system.Step;
import io.mycel.mc.system.Violation;
import java.util.List;

/**
 * What an exploration covered and found.
 *
 * @param complete every state within the depth bound was explored
 * @param stoppedBy the budget that ended it early ({@code states}, {@code time}, {@code memory}), or null
 * @param completedDepth every state at most this many steps from the start was explored and checked
 *                       (for depth-first, known only when complete: -1 otherwise)
 * @param statesExpanded states whose successors were computed
 * @param distinctStates states told apart (after symmetry), the initial one included
 * @param transitions steps taken, each to a new state or one seen before
 * @param depthReached the most steps from the start of any state reached
 * @param replays states rebuilt by replaying their path because the frontier did not keep them
 * @param violation the first violation found (for breadth-first, one at the least depth), or null
 * @param goals each goal, with a shortest path found to it or null
 */
public record Report(Strategy strategy, boolean complete, String stoppedBy, int completedDepth, long statesExpanded,
                     long distinctStates, long transitions, int depthReached, long replays, double seconds,
                     double bytesPerState, String storage, long heapBytes, Finding violation, List<GoalResult> goals) {

    /** A violation and a path from the initial state to the state that shows it. */
    public record Finding(Violation violation, List<Step> path) {
    }

    public record GoalResult(String name, List<Step> path) {
        public boolean reached() {
            return path != null;
        }
    }

    public double statesPerSecond() {
        return seconds <= 0 ? 0 : distinctStates / seconds;
    }
}
