package io.mycel.node.api;

import java.util.List;

/**
 * A safety property over the state of every node at once, which a host able to see all nodes (the
 * simulator, a model checker) checks after every event. Node code never calls it.
 *
 * <p>An invariant may keep memory between calls (for instance every leader it has seen per term),
 * so the host makes a fresh instance per run. It must not change the processes it reads, and must
 * be cheap: it runs after every event of a run.
 */
public interface Invariant {

    /**
     * Checks the system after one event.
     *
     * @param nowMicros virtual time of the event
     * @param nodes the server nodes, in a fixed order
     * @param processes each node's current process, or null while the node is down
     * @return a description of the violation, or null when the property holds
     */
    String check(long nowMicros, List<NodeId> nodes, List<Process> processes);
}
