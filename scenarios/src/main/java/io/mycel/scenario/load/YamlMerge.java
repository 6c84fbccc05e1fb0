package io.mycel.scenario.load;

import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Mappings of a scenario combined field by field, keeping each value's own node, so that a mistake
 * in a merged value is still reported at the line where the user wrote it.
 */
final class YamlMerge {

    private YamlMerge() {
    }

    /** {@code base} with {@code over}'s fields on top: mappings on both sides merge, anything else is replaced. */
    static MappingNode merge(MappingNode base, MappingNode over) {
        List<NodeTuple> out = new ArrayList<>();
        for (NodeTuple b : base.getValue()) {
            NodeTuple o = find(over, keyOf(b));
            if (o == null) {
                out.add(b);
            } else if (b.getValueNode() instanceof MappingNode bm && o.getValueNode() instanceof MappingNode om) {
                out.add(new NodeTuple(o.getKeyNode(), merge(bm, om)));
            } else {
                out.add(o);
            }
        }
        for (NodeTuple o : over.getValue()) {
            if (find(base, keyOf(o)) == null) {
                out.add(o);
            }
        }
        return new MappingNode(Tag.MAP, true, out, FlowStyle.AUTO, over.getStartMark(), over.getEndMark());
    }

    /** The mapping without one of its fields. */
    static MappingNode without(MappingNode mapping, String key) {
        List<NodeTuple> out = new ArrayList<>();
        for (NodeTuple t : mapping.getValue()) {
            if (!key.equals(keyOf(t))) {
                out.add(t);
            }
        }
        return new MappingNode(Tag.MAP, true, out, FlowStyle.AUTO, mapping.getStartMark(), mapping.getEndMark());
    }

    private static NodeTuple find(MappingNode mapping, String key) {
        if (key == null) {
            return null;
        }
        for (NodeTuple t : mapping.getValue()) {
            if (key.equals(keyOf(t))) {
                return t;
            }
        }
        return null;
    }

    private static String keyOf(NodeTuple t) {
        return t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
    }
}
