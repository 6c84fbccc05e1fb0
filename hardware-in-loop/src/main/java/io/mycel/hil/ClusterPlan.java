package io.mycel.hil;

import io.mycel.node.api.NodeId;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a backend deploys: the scenario's nodes running its program with its options.
 *
 * @param runDir where the backend keeps each node's config, data and log, under {@code nodes/NAME}
 * @param seed seeds each node's random stream, as in simulation
 * @param clockFaults whether the run sets nodes' clocks (the scenario's clocks, or skew and drift
 *     faults): a backend then gives nodes a clock it can steer, which costs a little on every reading
 * @param links when the run shapes links: the backend then puts a fault proxy beside each node, sends
 *     the node's traffic to each peer through it, and attaches each proxy to this; null for bare links
 */
public record ClusterPlan(Path runDir, String program, Map<String, String> options, List<NodeId> nodes, long seed,
                          boolean clockFaults, LinkShaper links) {

    public ClusterPlan {
        options = Map.copyOf(options);
        nodes = List.copyOf(nodes);
    }

    /** A plan with bare links between nodes. */
    public ClusterPlan(Path runDir, String program, Map<String, String> options, List<NodeId> nodes, long seed,
                       boolean clockFaults) {
        this(runDir, program, options, nodes, seed, clockFaults, null);
    }

    /** The seed of the fault proxy beside {@code node}, drawn from the run's. */
    public long proxySeed(NodeId node) {
        return new io.mycel.node.api.SeededRandom(seed).fork("fault-proxy/" + node.name()).nextLong();
    }

    public Path nodeDir(NodeId node) {
        return runDir.resolve("nodes").resolve(node.name());
    }
}
