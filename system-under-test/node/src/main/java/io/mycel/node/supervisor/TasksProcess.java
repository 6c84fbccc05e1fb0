package io.mycel.node.supervisor;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.TimerId;
import io.mycel.node.membership.Membership;
import io.mycel.node.membership.Swim;
import io.mycel.node.membership.SwimMessages;
import io.mycel.node.registry.Owner;
import io.mycel.node.supervisor.SupervisorMessages.Whereis;
import io.mycel.node.supervisor.SupervisorMessages.WhereisOk;

/**
 * A node of the {@code tasks} program: SWIM membership, and the distributed supervisor placing
 * tasks on the ring of the members SWIM believes alive. The instance of this node's life is its
 * SWIM incarnation, counted from 1.
 */
public final class TasksProcess implements Process {

    private final TasksConfig config;
    private final TaskSpecs specs;
    private Swim swim;
    private Supervisor supervisor;

    public TasksProcess(TasksConfig config, TaskSpecs specs) {
        this.config = config;
        this.specs = specs;
    }

    @Override
    public void onStart(NodeContext ctx) {
        supervisor = new Supervisor(config, specs, null);
        swim = new Swim(config.swim(), new Membership.Listener() {
            @Override
            public void memberDown(NodeContext c, NodeId node) {
                supervisor.membershipChanged(c, Supervisor.placementOf(c, swim.alive(), config.vnodes()));
            }

            @Override
            public void memberUp(NodeContext c, NodeId node) {
                supervisor.membershipChanged(c, Supervisor.placementOf(c, swim.alive(), config.vnodes()));
            }
        });
        swim.onStart(ctx);
        supervisor.onStart(ctx, new Owner(ctx.self(), swim.incarnation() + 1),
                Supervisor.placementOf(ctx, swim.alive(), config.vnodes()));
    }

    @Override
    public void onMessage(NodeContext ctx, NodeId from, Message message) {
        if (message instanceof SwimMessages.SwimMessage) {
            swim.onMessage(ctx, from, message);
        } else if (Supervisor.handles(message)) {
            supervisor.onMessage(ctx, from, message);
        } else if (message instanceof Whereis m) {
            NodeId at = specs.number(m.task()) < 0 ? null : supervisor.whereis(ctx, m.task());
            ctx.send(from, new WhereisOk(m.requestId(), m.task(), at == null ? "" : at.name()));
        }
    }

    @Override
    public void onTimer(NodeContext ctx, TimerId timer) {
        if (timer.name().startsWith("swim.")) {
            swim.onTimer(ctx, timer);
        } else {
            supervisor.onTimer(ctx, timer);
        }
    }

    /** For tests and benchmarks. */
    public Supervisor supervisor() {
        return supervisor;
    }
}
