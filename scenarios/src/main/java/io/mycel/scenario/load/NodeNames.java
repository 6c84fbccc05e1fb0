package io.mycel.scenario.load;

import io.mycel.node.api.NodeId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/** The scenario's node names, for resolving references with a helpful error. */
final class NodeNames {

    private final Set<NodeId> ids;
    private final Values values;

    NodeNames(List<NodeId> ids, Values values) {
        this.ids = new LinkedHashSet<>(ids);
        this.values = values;
    }

    /** The node named by a scalar, or null after recording what was expected. */
    NodeId resolve(Node node, String field) {
        if (node == null) {
            return null;
        }
        String name = values.text(node, field);
        if (name == null) {
            return null;
        }
        if (!name.isEmpty() && name.length() <= NodeId.MAX_NAME_LENGTH && ids.contains(NodeId.of(name))) {
            return NodeId.of(name);
        }
        values.problems().add(node, field, "a node of this scenario (" + describe() + "), got '" + name + "'");
        return null;
    }

    private String describe() {
        List<NodeId> list = List.copyOf(ids);
        if (list.size() <= 8) {
            return String.join(", ", list.stream().map(NodeId::name).toList());
        }
        return list.get(0) + ", " + list.get(1) + ", ..., " + list.get(list.size() - 1);
    }
}
