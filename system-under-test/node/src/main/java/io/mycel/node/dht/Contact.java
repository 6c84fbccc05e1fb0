package io.mycel.node.dht;

import io.mycel.node.api.NodeId;

/** A node a routing table knows: its name (which is also its address on the seam) and its key. */
public record Contact(NodeId node, DhtKey key) {

    public static Contact of(NodeId node) {
        return new Contact(node, DhtKey.of(node));
    }

    @Override
    public String toString() {
        return node.name();
    }
}
