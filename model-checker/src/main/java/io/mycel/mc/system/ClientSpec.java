package io.mycel.mc.system;

import io.mycel.node.api.NodeId;
import java.util.List;

/**
 * One client of an exploration: it sends its operations, one at a time and in order, to one server
 * and waits for each answer (it never gives up, so an operation whose request or answer is lost
 * stays open, as an indeterminate one in the history).
 */
public record ClientSpec(NodeId id, NodeId server, List<String> operations) {
    public ClientSpec {
        operations = List.copyOf(operations);
    }
}
