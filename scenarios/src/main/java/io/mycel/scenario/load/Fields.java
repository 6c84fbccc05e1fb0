package io.mycel.scenario.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A YAML mapping read field by field. It remembers which keys were asked for, so that
 * {@link #rejectUnknown} can point at every key nobody understood, with the keys that were expected.
 */
final class Fields {

    private final Node node;
    private final String path;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> expected = new TreeSet<>();

    Fields(Node node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    problems.add(tuple.getKeyNode(), path, "a plain name as key");
                    continue;
                }
                if (entries.putIfAbsent(key.getValue(), tuple) != null) {
                    problems.add(key, field(key.getValue()), "each field once; it is given twice");
                }
            }
        } else if (node != null) {
            problems.add(node, path.isEmpty() ? "(top level)" : path, "a mapping of fields");
        }
    }

    Node node() {
        return node;
    }

    String path() {
        return path;
    }

    /** The full path of a field, e.g. {@code network.latency.dist}. */
    String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return get(key) != null;
    }

    /** The value of a field, or null when absent or left empty ({@code faults:} with nothing after it). */
    Node get(String key) {
        expected.add(key);
        NodeTuple tuple = entries.get(key);
        if (tuple == null || tuple.getValueNode() instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
            return null;
        }
        return tuple.getValueNode();
    }

    /** The value of a required field; when absent, records what was expected and returns null. */
    Node require(String key, String expectedValue) {
        Node value = get(key);
        if (value == null) {
            problems.add(node, field(key), "a value (" + expectedValue + "); the field is missing");
        }
        return value;
    }

    /** Keys present in file order, for mappings whose keys are data (node names, option names). */
    List<String> keys() {
        return new ArrayList<>(entries.keySet());
    }

    Node keyNode(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? null : tuple.getKeyNode();
    }

    /** Points at every key that no reader asked for. */
    void rejectUnknown() {
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            if (!expected.contains(entry.getKey())) {
                problems.add(entry.getValue().getKeyNode(), field(entry.getKey()),
                        "a known field (one of: " + String.join(", ", expected) + "); '" + entry.getKey() + "' is not one");
            }
        }
    }
}
