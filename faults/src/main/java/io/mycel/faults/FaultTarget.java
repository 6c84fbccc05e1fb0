package io.mycel.faults;

import io.mycel.node.api.NodeId;
import io.mycel.sim.LatencyDistribution;
import java.util.List;

/**
 * Whatever faults are applied to: the simulator here; real processes, containers and Pis in the
 * hardware-in-the-loop harness. Each method is idempotent where the fault allows it (crashing a
 * node that is down does nothing).
 */
public interface FaultTarget {

    void partition(List<List<NodeId>> groups);

    void cut(List<NodeId> from, List<NodeId> to);

    void heal();

    void crash(NodeId node);

    void restart(NodeId node);

    void pause(NodeId node);

    void resume(NodeId node);

    void skewClock(NodeId node, long offsetMicros);

    void driftClock(NodeId node, long driftPpm);

    void setLoss(double probability);

    void setLatency(LatencyDistribution latency);

    /**
     * The node that leads now, as the program running on the nodes reports it, or null when none
     * does (or the program has no leaders). When two nodes both believe they lead (a deposed leader
     * that has not noticed yet), the first in the scenario's node order is taken.
     */
    NodeId leader();

    /** Runs {@code action} after {@code delayMicros}, to mend a fault that was aimed at a role. */
    void after(long delayMicros, Runnable action);

    /** Asks the cluster for an administrative action on {@code node}, as an operator's client would. */
    void admin(String action, NodeId node);

    /** Records in the run's trace that a fault could not be applied, and why. */
    void skipped(String fault, String why);
}
