package io.mycel.scenario.load;

import io.mycel.node.api.NodeId;
import io.mycel.scenario.Scenario;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The parts of the {@code nodes} section set node by node, each a mapping from node names: its
 * clock ({@code clocks: {n2: {offset: 30ms, drift-ppm: 200}}}) and where it stands
 * ({@code positions: {n1: [0, 0], n2: [120, 40]}}).
 */
final class PerNodeReader {

    private final Values values;
    private final NodeNames names;
    private final Problems problems;

    PerNodeReader(Values values, NodeNames names) {
        this.values = values;
        this.names = names;
        this.problems = values.problems();
    }

    Map<NodeId, Scenario.Clock> clocks(Node node) {
        Map<NodeId, Scenario.Clock> clocks = new TreeMap<>();
        if (node == null) {
            return clocks;
        }
        Fields byNode = new Fields(node, "nodes.clocks", problems);
        for (String key : byNode.keys()) {
            NodeId id = names.resolve(byNode.keyNode(key), byNode.field(key));
            Fields clock = new Fields(byNode.get(key), byNode.field(key), problems);
            long offset = clock.has("offset") ? values.signedDuration(clock.get("offset"), clock.field("offset")) : 0;
            long drift = clock.has("drift-ppm") ? values.integer(clock.get("drift-ppm"), clock.field("drift-ppm"), -999_999, 1_000_000) : 0;
            clock.rejectUnknown();
            if (id != null) {
                clocks.put(id, new Scenario.Clock(offset, drift));
            }
        }
        return clocks;
    }

    /** Each listed node's [x, y]: finite numbers, in any unit the file keeps to. */
    Map<NodeId, Scenario.Position> positions(Node node) {
        Map<NodeId, Scenario.Position> positions = new TreeMap<>();
        if (node == null) {
            return positions;
        }
        Fields byNode = new Fields(node, "nodes.positions", problems);
        for (String key : byNode.keys()) {
            NodeId id = names.resolve(byNode.keyNode(key), byNode.field(key));
            String field = byNode.field(key);
            List<Node> xy = values.list(byNode.get(key), field, "two numbers, [x, y]");
            if (xy.isEmpty()) {
                continue;   // not a list: recorded already
            }
            if (xy.size() != 2) {
                problems.add(byNode.get(key), field, "two numbers, [x, y], got " + xy.size());
                continue;
            }
            int before = problems.size();
            double x = values.number(xy.get(0), field + "[0]");
            double y = values.number(xy.get(1), field + "[1]");
            if (problems.size() == before && !(Double.isFinite(x) && Double.isFinite(y))) {
                problems.add(byNode.get(key), field, "finite numbers, got [" + x + ", " + y + "]");
            } else if (problems.size() == before && id != null) {
                positions.put(id, new Scenario.Position(x, y));
            }
        }
        return positions;
    }
}
