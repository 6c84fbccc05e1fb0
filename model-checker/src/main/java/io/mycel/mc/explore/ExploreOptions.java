package io.mycel.mc.explore;

import io.mycel.mc.state.VisitedStates;
import java.util.List;

/**
 * How to explore and how far.
 *
 * @param maxDepth steps from the initial state beyond which nothing is explored
 * @param maxStates distinct states after which the exploration stops
 * @param maxSeconds wall-clock seconds after which it stops
 * @param maxMemoryBytes heap in use after which it stops
 * @param symmetry treat servers as interchangeable (the program must not depend on the order of node
 *                 lists: lists holding only node ids are compared as sets)
 * @param sleepSets partial-order reduction: skip steps that commute with a step explored before them
 *                  (see {@link SleepSets}); not together with symmetry, whose renamed states name steps
 *                  differently on different paths
 * @param liveStates how many states a breadth-first frontier keeps whole; the rest are rebuilt by
 *                   replaying their path from the initial state
 */
public record ExploreOptions(Strategy strategy, int maxDepth, long maxStates, double maxSeconds, long maxMemoryBytes,
                             VisitedStates.Kind storage, boolean symmetry, boolean sleepSets, int liveStates,
                             List<StateProperty> properties, List<Goal> goals) {

    public ExploreOptions {
        properties = List.copyOf(properties);
        goals = List.copyOf(goals);
        if (maxDepth < 0 || maxStates < 1 || maxSeconds <= 0 || maxMemoryBytes <= 0 || liveStates < 0) {
            throw new IllegalArgumentException("budgets must be positive");
        }
        if (symmetry && sleepSets) {
            throw new IllegalArgumentException("symmetry and sleep sets cannot be combined yet: choose one reduction");
        }
    }

    public static ExploreOptions defaults() {
        return new ExploreOptions(Strategy.BFS, 30, 1_000_000, 600, Runtime.getRuntime().maxMemory() * 3 / 4,
                VisitedStates.Kind.HASH, false, false, 0, List.of(), List.of());
    }

    public ExploreOptions withStrategy(Strategy s) {
        return new ExploreOptions(s, maxDepth, maxStates, maxSeconds, maxMemoryBytes, storage, symmetry, sleepSets, liveStates,
                properties, goals);
    }

    public ExploreOptions withBudgets(int depth, long states, double seconds) {
        return new ExploreOptions(strategy, depth, states, seconds, maxMemoryBytes, storage, symmetry, sleepSets, liveStates,
                properties, goals);
    }

    public ExploreOptions withSymmetry(boolean on) {
        return new ExploreOptions(strategy, maxDepth, maxStates, maxSeconds, maxMemoryBytes, storage, on, sleepSets, liveStates,
                properties, goals);
    }

    public ExploreOptions withSleepSets(boolean on) {
        return new ExploreOptions(strategy, maxDepth, maxStates, maxSeconds, maxMemoryBytes, storage, symmetry, on,
                liveStates, properties, goals);
    }

    public ExploreOptions withStorage(VisitedStates.Kind kind) {
        return new ExploreOptions(strategy, maxDepth, maxStates, maxSeconds, maxMemoryBytes, kind, symmetry, sleepSets, liveStates,
                properties, goals);
    }

    public ExploreOptions withLiveStates(int live) {
        return new ExploreOptions(strategy, maxDepth, maxStates, maxSeconds, maxMemoryBytes, storage, symmetry, sleepSets, live,
                properties, goals);
    }

    public ExploreOptions withChecks(List<StateProperty> props, List<Goal> goalList) {
        return new ExploreOptions(strategy, maxDepth, maxStates, maxSeconds, maxMemoryBytes, storage, symmetry,
                sleepSets, liveStates, props, goalList);
    }
}
