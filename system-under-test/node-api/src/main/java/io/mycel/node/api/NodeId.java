package io.mycel.node.api;

import java.util.Objects;

/**
 * The name of a node (or of a client endpoint) in a cluster: a value, equal by name.
 *
 * <p>Ordered by name so that protocol code can keep peers in sorted collections and never let a
 * hash order leak into a decision. The name's hash is kept at construction, because ids are
 * compared and looked up on every message: equality checks the hash before the characters.
 */
public final class NodeId implements Comparable<NodeId> {

    /** Longest name accepted, so that a name always fits a one-byte length prefix on the wire. */
    public static final int MAX_NAME_LENGTH = 64;

    private final String name;
    private final int hash;

    public NodeId(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "node name must have 1 to " + MAX_NAME_LENGTH + " characters, got '" + name + "'");
        }
        this.name = name;
        this.hash = name.hashCode();
    }

    public static NodeId of(String name) {
        return new NodeId(name);
    }

    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof NodeId other && hash == other.hash && name.equals(other.name));
    }

    @Override
    public int hashCode() {
        return hash;
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
