package io.mycel.scenario.mc;

import io.mycel.mc.system.Envelope;
import io.mycel.mc.system.StepListener;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.TimerId;
import io.mycel.sim.TraceSink;

/**
 * Writes a replayed path as a trace in the simulator's format, so the same tools read it. A model
 * checker's path has no common time: step {@code i} is written at {@code i} milliseconds, and each
 * timer record carries the clock of its node.
 */
final class TraceListener implements StepListener {

    static final long MICROS_PER_STEP = 1_000;

    private final TraceSink trace;
    private long now;

    TraceListener(TraceSink trace) {
        this.trace = trace;
    }

    void step(int index, String text) {
        now = index * MICROS_PER_STEP;
        trace.record(now, "step", "index", index, "step", text);
    }

    long now() {
        return now;
    }

    @Override
    public void sent(Envelope e) {
        trace.record(now, "send", "from", e.from().name(), "to", e.to().name(), "id", e.seq(), "msg", e.message().typeName(),
                "bytes", e.bytes(), "body", e.message().toString());
    }

    @Override
    public void delivered(Envelope e, boolean addresseeUp) {
        if (addresseeUp) {
            trace.record(now, "deliver", "from", e.from().name(), "to", e.to().name(), "id", e.seq(), "msg",
                    e.message().typeName());
        } else {
            trace.record(now, "drop", "from", e.from().name(), "to", e.to().name(), "id", e.seq(), "msg",
                    e.message().typeName(), "reason", "down");
        }
    }

    @Override
    public void dropped(Envelope e) {
        trace.record(now, "drop", "from", e.from().name(), "to", e.to().name(), "id", e.seq(), "msg",
                e.message().typeName(), "reason", "loss");
    }

    @Override
    public void duplicated(Envelope e, Envelope copy) {
        trace.record(now, "duplicate", "from", e.from().name(), "to", e.to().name(), "id", e.seq(), "copy", copy.seq());
    }

    @Override
    public void fired(NodeId actor, TimerId timer, long clock) {
        trace.record(now, "timer", "node", actor.name(), "timer", timer.name(), "id", timer.id(), "clock", clock);
    }

    @Override
    public void crashed(NodeId actor) {
        trace.record(now, "crash", "node", actor.name());
    }

    @Override
    public void started(NodeId actor, int incarnation) {
        trace.record(now, incarnation == 1 ? "start" : "restart", "node", actor.name(), "incarnation", incarnation);
    }

    @Override
    public void emitted(NodeId actor, String event, String detail) {
        trace.record(now, "note", "node", actor.name(), "event", event, "detail", detail);
    }
}
