package io.mycel.sim;

import io.mycel.node.api.NodeId;

/**
 * Nodes by id, in one open-addressing array of the nodes themselves: a lookup lands on the node
 * it is after (which the send path reads next anyway) without a map entry in between. Filled once
 * when the simulation is built; never changes after.
 */
final class NodeTable {

    private final SimNode[] slots;
    private final int mask;

    NodeTable(SimNode[] nodes) {
        int capacity = Integer.highestOneBit(Math.max(4, nodes.length * 2 - 1)) << 1;
        slots = new SimNode[capacity];
        mask = capacity - 1;
        for (SimNode node : nodes) {
            int i = home(node.id);
            while (slots[i] != null) {
                if (slots[i].id.equals(node.id)) {
                    throw new IllegalArgumentException("node " + node.id + " is defined twice");
                }
                i = (i + 1) & mask;
            }
            slots[i] = node;
        }
    }

    /** The node with this id, or null. */
    SimNode get(NodeId id) {
        int i = home(id);
        SimNode node;
        while ((node = slots[i]) != null) {
            if (node.id == id || node.id.equals(id)) {
                return node;
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
