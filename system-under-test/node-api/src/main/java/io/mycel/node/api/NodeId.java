package io.mycel.node.api;

import java.util.Objects;

/**
 * The name of a node (or of a client endpoint) in a cluster.
 *
 * <p>Ordered by name so that protocol code can keep peers in sorted collections and never let a
 * hash order leak into a decision.
 */
public record NodeId(String name) implements Comparable<NodeId> {

    /** Longest name accepted, so that a name always fits a one-byte length prefix on the wire. */
    public static final int MAX_NAME_LENGTH = 64;

    public NodeId {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "node name must have 1 to " + MAX_NAME_LENGTH + " characters, got '" + name + "'");
        }
    }

    public static NodeId of(String name) {
        return new NodeId(name);
    }

    @Override
    public int compareTo(NodeId other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
