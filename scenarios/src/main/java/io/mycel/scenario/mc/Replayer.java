package io.mycel.scenario.mc;

import io.mycel.mc.explore.StateProperty;
import io.mycel.mc.system.HistoryEvent;
import io.mycel.mc.system.McSystem;
import io.mycel.mc.system.Step;
import io.mycel.mc.system.SystemSpec;
import io.mycel.mc.system.Violation;
import io.mycel.scenario.ModelCheck.ScheduledStep;
import io.mycel.sim.TraceSink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Takes a system through given steps from its initial state, as the explorer did, writing each to a
 * trace and checking the same properties after each: how a path the explorer found becomes a trace
 * and a schedule, and how a schedule from a file is replayed.
 */
final class Replayer {

    /**
     * Where the replay ended: the steps taken (as a file writes them, and as the explorer names them)
     * and the violation it ended on, if any.
     */
    record Result(List<ScheduledStep> steps, List<Step> taken, Violation violation, McSystem end) {
    }

    private Replayer() {
    }

    /** Replays {@code path}, a list of the explorer's steps. */
    static Result path(SystemSpec spec, List<StateProperty> properties, List<Step> path, TraceSink trace) {
        return run(spec, properties, path.size(), (state, i) -> path.get(i), trace);
    }

    /**
     * Replays a schedule from a file.
     *
     * @throws IllegalArgumentException at the first step that cannot be taken, saying where and why
     */
    static Result schedule(SystemSpec spec, List<StateProperty> properties, List<ScheduledStep> schedule, TraceSink trace) {
        return run(spec, properties, schedule.size(), (state, i) -> Schedules.resolve(state, schedule.get(i)), trace);
    }

    private static Result run(SystemSpec spec, List<StateProperty> properties, int count,
                              BiFunction<McSystem, Integer, Step> next, TraceSink trace) {
        TraceListener listener = new TraceListener(trace);
        McSystem state = McSystem.start(spec, listener);
        Violation violation = state.startAll();
        if (violation == null) {
            violation = check(state, properties);
        }
        List<ScheduledStep> written = new ArrayList<>();
        List<Step> taken = new ArrayList<>();
        for (int i = 0; i < count && violation == null; i++) {
            Step step = next.apply(state, i);
            ScheduledStep described = Schedules.describe(state, step);
            written.add(described);
            taken.add(step);
            listener.step(i + 1, Schedules.text(described));
            int heard = state.history().size();
            violation = state.apply(step);
            recordHistory(trace, listener.now(), state, heard);
            if (violation == null) {
                violation = check(state, properties);
            }
        }
        if (violation != null) {
            trace.record(listener.now(), "invariant-violated", "invariant", violation.property(), "detail",
                    violation.message());
        }
        return new Result(written, taken, violation, state);
    }

    /** The clients' history events the last step added, as the simulator writes them. */
    private static void recordHistory(TraceSink trace, long now, McSystem state, int from) {
        List<HistoryEvent> events = state.history();
        for (int i = from; i < events.size(); i++) {
            HistoryEvent e = events.get(i);
            trace.record(now, e.type().name().toLowerCase(java.util.Locale.ROOT), "process", e.client(), "node",
                    e.node().name(), "f", e.f(), "value", e.value(), "index", i);
        }
    }

    private static Violation check(McSystem state, List<StateProperty> properties) {
        for (StateProperty p : properties) {
            String message = p.violation(state);
            if (message != null) {
                return new Violation(p.name(), message);
            }
        }
        return null;
    }
}
