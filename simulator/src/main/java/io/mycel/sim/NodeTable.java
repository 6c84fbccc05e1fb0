package io.mycel.sim;

import io.mycel.node.api.NodeId;

/**
 * Nodes by id: open addressing over the ids, with the nodes in a parallel array. A lookup by an id
 * instance the simulation handed out (as {@code members()} does) matches by identity and returns
 * the node without touching it, so a send does not pay for reading the receiver until delivery.
 * Filled once when the simulation is built; never changes after.
 */
final class NodeTable {

    private final NodeId[] keys;
    private final SimNode[] nodes;
    private final int mask;

    NodeTable(SimNode[] all) {
        int capacity = Integer.highestOneBit(Math.max(4, all.length * 2 - 1)) << 1;
        keys = new NodeId[capacity];
        nodes = new SimNode[capacity];
        mask = capacity - 1;
        for (SimNode node : all) {
            int i = home(node.id);
            while (keys[i] != null) {
                if (keys[i].equals(node.id)) {
                    throw new IllegalArgumentException("node " + node.id + " is defined twice");
                }
                i = (i + 1) & mask;
            }
            keys[i] = node.id;
            nodes[i] = node;
        }
    }

    /** The node with this id, or null. */
    SimNode get(NodeId id) {
        int i = home(id);
        NodeId key;
        while ((key = keys[i]) != null) {
            if (key == id || key.equals(id)) {
                return nodes[i];
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    private int home(NodeId id) {
        int h = id.hashCode() * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
