package io.mycel.scenario.run;

import io.mycel.check.CheckResult;
import io.mycel.check.Verdict;
import io.mycel.node.api.Invariant;
import io.mycel.node.api.NamedInvariant;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.sim.Simulation;
import io.mycel.sim.TraceSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a program's invariants after every event of a run, as the simulator's observer. The first
 * violation of each is kept, with its virtual time and event number, and written to the trace as an
 * {@code invariant-violated} record so a replay can open at it; that invariant is not checked again
 * in the run, since what follows a broken state proves nothing more.
 */
final class InvariantWatch implements Simulation.EventObserver {

    private record Violation(long timeMicros, long event, String message) {
    }

    private final List<NamedInvariant> named;
    private final List<Invariant> invariants = new ArrayList<>();
    private final Violation[] violations;
    private final List<NodeId> nodes;
    private final Process[] processes;
    private final List<Process> view;
    private final TraceSink trace;
    private int live;

    InvariantWatch(List<NamedInvariant> named, List<NodeId> nodes, TraceSink trace) {
        this.named = List.copyOf(named);
        for (NamedInvariant n : named) {
            invariants.add(n.factory().get());
        }
        this.violations = new Violation[named.size()];
        this.nodes = List.copyOf(nodes);
        this.processes = new Process[nodes.size()];
        this.view = Arrays.asList(processes);
        this.trace = trace;
        this.live = named.size();
    }

    @Override
    public void afterEvent(Simulation sim) {
        if (live == 0) {
            return;
        }
        for (int i = 0; i < processes.length; i++) {
            processes[i] = sim.process(nodes.get(i));
        }
        for (int i = 0; i < invariants.size(); i++) {
            if (violations[i] != null) {
                continue;
            }
            String message = invariants.get(i).check(sim.now(), nodes, view);
            if (message != null) {
                violations[i] = new Violation(sim.now(), sim.events() + 1, message);
                live--;
                trace.record(sim.now(), "invariant-violated", "invariant", named.get(i).name(), "detail", message);
            }
        }
    }

    /** The verdict on invariant {@code name}, which this watch checked. */
    CheckResult result(String name) {
        for (int i = 0; i < named.size(); i++) {
            if (named.get(i).name().equals(name)) {
                Violation v = violations[i];
                if (v == null) {
                    return new CheckResult(name, Verdict.PASS, "held after every event", Map.of());
                }
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("time_micros", v.timeMicros());
                evidence.put("event", v.event());
                evidence.put("violation", v.message());
                return new CheckResult(name, Verdict.FAIL, String.format("violated at %.6f s (event %d): %s",
                        v.timeMicros() / 1e6, v.event(), v.message()), evidence);
            }
        }
        throw new IllegalArgumentException("invariant " + name + " was not watched");
    }
}
