package io.mycel.mc.explore;

import io.mycel.mc.state.StateHash;
import io.mycel.mc.state.VisitedStates;
import io.mycel.mc.system.McSystem;
import io.mycel.mc.system.Step;
import io.mycel.mc.system.SystemSpec;
import io.mycel.mc.system.Violation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Explores every state of a small system reachable within the budgets, breadth-first or
 * depth-first, checking the program's invariants and the scenario's properties in each new state.
 *
 * <p>Branching copies the state ({@link McSystem#copy()}) instead of replaying the path to it; a
 * breadth-first frontier keeps up to {@link ExploreOptions#liveStates()} states whole and rebuilds
 * the rest by replaying their path from the initial state, which node code's determinism makes exact.
 * The explorer reads the wall clock for its time budget and its rate only; what it explores does not
 * depend on it, except where the time budget cuts it short.
 */
public final class Explorer {

    private final SystemSpec spec;
    private final ExploreOptions options;
    private final List<Step> prefix;
    private final VisitedStates visited;
    private final Fingerprinter fingerprinter;
    private final SleepSets sleep;
    private final Report.GoalResult[] goals;
    private McSystem initial;
    private long startNanos;
    private long expanded;
    private long transitions;
    private long replays;
    private int depthReached;
    private int completedDepth = -1;
    private String stoppedBy;
    private Report.Finding violation;
    private int live;

    private Explorer(SystemSpec spec, ExploreOptions options, List<Step> prefix) {
        this.spec = spec;
        this.options = options;
        this.prefix = List.copyOf(prefix);
        this.visited = VisitedStates.of(options.storage());
        this.fingerprinter = new Fingerprinter(spec.servers(), options.symmetry());
        this.sleep = options.sleepSets() ? new SleepSets() : null;
        this.goals = new Report.GoalResult[options.goals().size()];
    }

    public static Report explore(SystemSpec spec, ExploreOptions options) {
        return explore(spec, options, List.of());
    }

    /**
     * Explores from the state {@code prefix} leads to from the initial state (a run that first brings
     * the system somewhere interesting, say a leader elected and a write committed). Depths, and the
     * paths a report gives, count from the end of the prefix.
     */
    public static Report explore(SystemSpec spec, ExploreOptions options, List<Step> prefix) {
        return new Explorer(spec, options, prefix).run();
    }

    private Report run() {
        startNanos = System.nanoTime();
        initial = McSystem.start(spec, null);
        Violation v = initial.startAll();
        for (int i = 0; i < prefix.size() && v == null; i++) {
            v = initial.apply(prefix.get(i));
        }
        PathNode root = new PathNode(null, null, 0, null);
        if (v != null) {
            violation = new Report.Finding(v, List.of());   // in the start or the prefix: no step of its own
            return report(false);
        }
        fingerprinter.fingerprint(initial);
        root.hash = StateHash.of(fingerprinter.bytes(), fingerprinter.length());
        visited.visit(fingerprinter.bytes(), fingerprinter.length(), root.hash, 0);
        if (checkNew(initial, root)) {
            return report(false);
        }
        boolean complete = options.strategy() == Strategy.BFS ? breadthFirst(root) : depthFirst(root);
        return report(complete);
    }

    private boolean breadthFirst(PathNode root) {
        ArrayDeque<PathNode> frontier = new ArrayDeque<>();
        root.live = initial.copy();
        live = 1;
        frontier.add(root);
        while (!frontier.isEmpty()) {
            PathNode node = frontier.poll();
            completedDepth = Math.max(completedDepth, node.depth);
            if (node.depth >= options.maxDepth()) {
                continue;
            }
            McSystem state = node.live;
            if (state != null) {
                node.live = null;
                live--;
            } else {
                state = replay(node);
            }
            Expansion x = new Expansion(node, state);
            for (int i = 0; i < x.steps.size(); i++) {
                if (x.asleep(i)) {
                    continue;
                }
                McSystem next = i == x.steps.size() - 1 ? state : state.copy();
                PathNode child = new PathNode(node, x.steps.get(i), node.depth + 1, null);
                Boolean explore = take(next, child, x.enter(i));
                if (explore == null) {
                    return false;   // a violation, or a budget ran out
                }
                if (explore) {
                    if (live < options.liveStates()) {
                        child.live = next;
                        live++;
                    }
                    frontier.add(child);
                }
            }
        }
        completedDepth = options.maxDepth();
        return true;
    }

    private boolean depthFirst(PathNode root) {
        record Frame(Expansion expansion, int[] next) {
        }
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(new Expansion(root, initial.copy()), new int[1]));
        while (!stack.isEmpty()) {
            Frame top = stack.peek();
            Expansion x = top.expansion();
            int i = top.next()[0]++;
            if (i >= x.steps.size()) {
                stack.pop();
                continue;
            }
            if (x.asleep(i)) {
                continue;
            }
            boolean last = i == x.steps.size() - 1;
            McSystem next = last ? x.state : x.state.copy();
            PathNode child = new PathNode(x.node, x.steps.get(i), x.node.depth + 1, null);
            if (last) {
                stack.pop();
            }
            Boolean explore = take(next, child, x.enter(i));
            if (explore == null) {
                return false;
            }
            if (explore && child.depth < options.maxDepth()) {
                stack.push(new Frame(new Expansion(child, next), new int[1]));
            }
        }
        completedDepth = options.maxDepth();
        return true;
    }

    /** One state being expanded: its steps and, with sleep sets, which of them sleep. */
    private final class Expansion {
        final PathNode node;
        final McSystem state;
        final List<Step> steps;
        private final List<SleepSets.Entry> entries;
        private final List<SleepSets.Entry> sleeping;
        private final List<SleepSets.Entry> done = new ArrayList<>();

        Expansion(PathNode node, McSystem state) {
            this.node = node;
            this.state = state;
            this.steps = state.enabledSteps();
            expanded++;
            this.entries = sleep == null ? null : sleep.entries(state, steps);
            this.sleeping = sleep == null ? null : sleep.expand(node.hash);
        }

        boolean asleep(int i) {
            return sleep != null && SleepSets.asleep(sleeping, entries.get(i));
        }

        /** Step {@code i} is taken: the sleep set of its successor, or null without sleep sets. */
        List<SleepSets.Entry> enter(int i) {
            if (sleep == null) {
                return null;
            }
            List<SleepSets.Entry> after = SleepSets.successorSleep(sleeping, done, entries.get(i));
            done.add(entries.get(i));
            return after;
        }
    }

    /**
     * Takes {@code child}'s step on {@code next}: null when the exploration must stop (a violation, or
     * a budget ran out), else whether the state is to be explored (new, reached sooner than before,
     * or with sleep sets, reached with fewer steps asleep than it was explored with).
     */
    private Boolean take(McSystem next, PathNode child, List<SleepSets.Entry> childSleep) {
        transitions++;
        Violation v = next.apply(child.step);
        if (v != null) {
            violation = new Report.Finding(v, child.path());
            return null;
        }
        depthReached = Math.max(depthReached, child.depth);
        fingerprinter.fingerprint(next);
        child.hash = StateHash.of(fingerprinter.bytes(), fingerprinter.length());
        boolean fresh = visited.visit(fingerprinter.bytes(), fingerprinter.length(), child.hash, child.depth);
        if (fresh && checkNew(next, child)) {
            return null;
        }
        if ((transitions & 0xFF) == 0 && budgetSpent()) {
            return null;
        }
        if (sleep == null) {
            return fresh;
        }
        if (fresh) {
            sleep.remember(child.hash, childSleep);
            return true;
        }
        return sleep.revisit(child.hash, childSleep);
    }

    /** Checks a new state's properties and goals; true when a property failed. */
    private boolean checkNew(McSystem state, PathNode node) {
        for (StateProperty p : options.properties()) {
            String message = p.violation(state);
            if (message != null) {
                violation = new Report.Finding(new Violation(p.name(), message), node.path());
                return true;
            }
        }
        for (int g = 0; g < goals.length; g++) {
            if (goals[g] == null && options.goals().get(g).reached().test(state)) {
                goals[g] = new Report.GoalResult(options.goals().get(g).name(), node.path());
            }
        }
        return false;
    }

    private boolean budgetSpent() {
        if (visited.size() >= options.maxStates()) {
            stoppedBy = "states";
        } else if ((System.nanoTime() - startNanos) / 1e9 >= options.maxSeconds()) {
            stoppedBy = "time";
        } else {
            Runtime rt = Runtime.getRuntime();
            if (rt.totalMemory() - rt.freeMemory() > options.maxMemoryBytes()) {
                stoppedBy = "memory";
            }
        }
        return stoppedBy != null;
    }

    /** The state at {@code node}, rebuilt from the initial state by its path. */
    private McSystem replay(PathNode node) {
        replays++;
        McSystem state = initial.copy();
        for (Step step : node.path()) {
            state.apply(step);
        }
        return state;
    }

    private Report report(boolean complete) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        List<Report.GoalResult> goalResults = new ArrayList<>();
        for (int g = 0; g < goals.length; g++) {
            goalResults.add(goals[g] != null ? goals[g] : new Report.GoalResult(options.goals().get(g).name(), null));
        }
        Runtime rt = Runtime.getRuntime();
        boolean done = complete && violation == null;
        return new Report(options.strategy(), done, done || violation != null ? null : stoppedBy,
                done ? options.maxDepth() : options.strategy() == Strategy.BFS ? completedDepth : -1,
                expanded, visited.size(), transitions, depthReached, replays, seconds, visited.bytesPerState(),
                visited.describe(), rt.totalMemory() - rt.freeMemory(), violation, goalResults);
    }
}
