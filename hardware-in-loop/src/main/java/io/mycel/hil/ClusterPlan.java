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
 */
public record ClusterPlan(Path runDir, String program, Map<String, String> options, List<NodeId> nodes, long seed,
                          boolean clockFaults) {

    public ClusterPlan {
        options = Map.copyOf(options);
        nodes = List.copyOf(nodes);
    }

    public Path nodeDir(NodeId node) {
        return runDir.resolve("nodes").resolve(node.name());
    }
}
