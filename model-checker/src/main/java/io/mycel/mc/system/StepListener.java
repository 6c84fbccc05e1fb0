package io.mycel.mc.system;

import io.mycel.node.api.NodeId;
import io.mycel.node.api.TimerId;

/** What a step did, for a trace of a path being replayed; exploration runs without one. */
public interface StepListener {
    void sent(Envelope envelope);

    void delivered(Envelope envelope, boolean addresseeUp);

    void dropped(Envelope envelope);

    void duplicated(Envelope envelope, Envelope copy);

    void fired(NodeId actor, TimerId timer, long clock);

    void crashed(NodeId actor);

    void started(NodeId actor, int incarnation);

    void emitted(NodeId actor, String event, String detail);
}
