package io.mycel.mc.explore;

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
        visited.visit(fingerprinter.bytes(), fingerprinter.length(), 0);
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
            List<Step> steps = state.enabledSteps();
            expanded++;
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                McSystem next = i == steps.size() - 1 ? state : state.copy();
                PathNode child = new PathNode(node, step, node.depth + 1, null);
                Boolean outcome = take(next, step, child);
                if (outcome == null) {
                    return false;   // a violation, or a budget ran out
                }
                if (outcome) {
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
        record Frame(PathNode node, McSystem state, List<Step> steps, int[] next) {
        }
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        McSystem first = initial.copy();
        stack.push(new Frame(root, first, first.enabledSteps(), new int[1]));
        expanded++;
        while (!stack.isEmpty()) {
            Frame top = stack.peek();
            int i = top.next()[0]++;
            if (i >= top.steps().size()) {
                stack.pop();
                continue;
            }
            Step step = top.steps().get(i);
            boolean last = i == top.steps().size() - 1;
            McSystem next = last ? top.state() : top.state().copy();
            PathNode child = new PathNode(top.node(), step, top.node().depth + 1, null);
            if (last) {
                stack.pop();
            }
            Boolean outcome = take(next, step, child);
            if (outcome == null) {
                return false;
            }
            if (outcome && child.depth < options.maxDepth()) {
                stack.push(new Frame(child, next, next.enabledSteps(), new int[1]));
                expanded++;
            }
        }
        completedDepth = options.maxDepth();
        return true;
    }

    /**
     * Takes {@code step} on {@code next}: null when the exploration must stop (a violation, or a
     * budget ran out), else whether the state is new and worth exploring.
     */
    private Boolean take(McSystem next, Step step, PathNode child) {
        transitions++;
        Violation v = next.apply(step);
        if (v != null) {
            violation = new Report.Finding(v, child.path());
            return null;
        }
        depthReached = Math.max(depthReached, child.depth);
        fingerprinter.fingerprint(next);
        boolean fresh = visited.visit(fingerprinter.bytes(), fingerprinter.length(), child.depth);
        if (fresh && checkNew(next, child)) {
            return null;
        }
        if ((transitions & 0xFF) == 0 && budgetSpent()) {
            return null;
        }
        return fresh;
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
