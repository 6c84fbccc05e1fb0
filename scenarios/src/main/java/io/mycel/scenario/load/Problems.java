package io.mycel.scenario.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/** Mistakes found in a scenario file, each as {@code file:line:column: field: what was expected}. */
final class Problems {

    private final String file;
    private final List<String> messages = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void add(Node node, String field, String expected) {
        add(node == null ? Optional.empty() : node.getStartMark(), field, expected);
    }

    void add(Optional<Mark> mark, String field, String expected) {
        String where = mark.map(m -> file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse(file + ":1:1");
        messages.add(where + ": " + field + ": " + expected);
    }

    int size() {
        return messages.size();
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    List<String> messages() {
        return List.copyOf(messages);
    }
}
