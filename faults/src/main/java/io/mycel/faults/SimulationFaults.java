package io.mycel.faults;

import io.mycel.node.api.NodeId;
import io.mycel.sim.LatencyDistribution;
import io.mycel.sim.Simulation;
import java.util.List;

/** Applies faults to a simulation, and schedules a whole plan on it. */
public final class SimulationFaults implements FaultTarget {

    /** Finds the node that leads now, from the program's view of each node's process. */
    @FunctionalInterface
    public interface LeaderFinder {
        NodeId leader(Simulation sim);
    }

    /** Takes administrative requests to the cluster, to send them from a client of the lab's. */
    @FunctionalInterface
    public interface AdminChannel {
        void request(String action, NodeId node);
    }

    private final Simulation sim;
    private final LeaderFinder leaders;
    private final AdminChannel admin;

    public SimulationFaults(Simulation sim, LeaderFinder leaders, AdminChannel admin) {
        this.sim = sim;
        this.leaders = leaders;
        this.admin = admin;
    }

    /** Schedules every fault of the plan at its time. */
    public void schedule(FaultPlan plan) {
        for (FaultPlan.Step step : plan.steps()) {
            sim.at(step.atMicros(), () -> step.fault().applyTo(this));
        }
    }

    @Override
    public void partition(List<List<NodeId>> groups) {
        sim.partition(groups);
    }

    @Override
    public void cut(List<NodeId> from, List<NodeId> to) {
        sim.cut(from, to);
    }

    @Override
    public void heal() {
        sim.heal();
    }

    @Override
    public void crash(NodeId node) {
        sim.crash(node);
    }

    @Override
    public void restart(NodeId node) {
        sim.restart(node);
    }

    @Override
    public void pause(NodeId node) {
        sim.pause(node);
    }

    @Override
    public void resume(NodeId node) {
        sim.resume(node);
    }

    @Override
    public void skewClock(NodeId node, long offsetMicros) {
        sim.setClockOffset(node, offsetMicros);
    }

    @Override
    public void driftClock(NodeId node, long driftPpm) {
        sim.setClockDrift(node, driftPpm);
    }

    @Override
    public void setLoss(double probability) {
        sim.setDefaultLink(sim.defaultLink().withLoss(probability));
    }

    @Override
    public void setLatency(LatencyDistribution latency) {
        sim.setDefaultLink(sim.defaultLink().withLatency(latency));
    }

    @Override
    public NodeId leader() {
        return leaders.leader(sim);
    }

    @Override
    public void after(long delayMicros, Runnable action) {
        sim.at(sim.now() + delayMicros, action);
    }

    @Override
    public void admin(String action, NodeId node) {
        admin.request(action, node);
    }

    @Override
    public void skipped(String fault, String why) {
        sim.trace().record(sim.now(), "fault-skipped", "fault", fault, "why", why);
    }
}
