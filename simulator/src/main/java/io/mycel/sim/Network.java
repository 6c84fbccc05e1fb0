package io.mycel.sim;

import java.util.HashMap;
import java.util.HashSet;

/**
 * Link models, partitions and per-link FIFO state. Every query is O(1): a partition is a group
 * number per node plus a set of one-way cuts, so a send or a delivery never scans anything.
 */
final class Network {

    private LinkModel defaultLink;
    /** Per-link overrides by {@link #key}. */
    private final HashMap<Long, LinkModel> links = new HashMap<>();
    /** Group of each node by index; nodes in different groups cannot reach each other. */
    private final int[] groupOf;
    /** One-way cuts by {@link #key}: messages from the first to the second are stopped. */
    private final HashSet<Long> oneWayCuts = new HashSet<>();
    private boolean partitioned;
    /** Set once the default link's latency changed: constant latency no longer implies FIFO then. */
    private boolean latencyChanged;
    /** For FIFO links: the latest delivery time scheduled and the count still in flight. */
    private final HashMap<Long, long[]> fifo = new HashMap<>();

    Network(LinkModel defaultLink, int nodeCount) {
        this.defaultLink = defaultLink;
        this.groupOf = new int[nodeCount];
    }

    static long key(SimNode from, SimNode to) {
        return ((long) from.index << 32) | (to.index & 0xFFFFFFFFL);
    }

    LinkModel defaultLink() {
        return defaultLink;
    }

    void setDefaultLink(LinkModel link) {
        latencyChanged |= !link.latency().equals(defaultLink.latency());
        this.defaultLink = link;
    }

    /**
     * Whether a message on this link must wait for the one before it. Draws that are all equal keep
     * a link in order by themselves, unless the latency changed while messages were in flight.
     */
    boolean mayNeedFifoClamp(LinkModel link) {
        return link.reorder() < 1.0 && (latencyChanged || !link.latency().isConstant());
    }

    void setLink(SimNode from, SimNode to, LinkModel link) {
        links.put(key(from, to), link);
    }

    LinkModel link(SimNode from, SimNode to) {
        if (links.isEmpty()) {
            return defaultLink;
        }
        LinkModel link = links.get(key(from, to));
        return link == null ? defaultLink : link;
    }

    /** Clients are never partitioned: they stand for processes beside their node. */
    boolean blocked(SimNode from, SimNode to) {
        if (!partitioned || from.client || to.client) {
            return false;
        }
        return groupOf[from.index] != groupOf[to.index]
                || (!oneWayCuts.isEmpty() && oneWayCuts.contains(key(from, to)));
    }

    /** Puts each node in a group; nodes listed in no group share group 0. */
    void partition(int[] groups) {
        System.arraycopy(groups, 0, groupOf, 0, groupOf.length);
        partitioned = true;
    }

    void cut(SimNode from, SimNode to) {
        oneWayCuts.add(key(from, to));
        partitioned = true;
    }

    void heal() {
        java.util.Arrays.fill(groupOf, 0);
        oneWayCuts.clear();
        partitioned = false;
    }

    /** Delivery time for a message on a FIFO link: not before the previous one on that link. */
    long fifoArrival(SimNode from, SimNode to, long arrival) {
        long[] state = fifo.computeIfAbsent(key(from, to), k -> new long[2]);
        long at = Math.max(arrival, state[0]);
        state[0] = at;
        state[1]++;
        return at;
    }

    /** A FIFO-tracked message left the link; forget the link when nothing is in flight. */
    void fifoArrived(SimNode from, SimNode to) {
        long k = key(from, to);
        long[] state = fifo.get(k);
        if (--state[1] == 0) {
            fifo.remove(k);
        }
    }
}
