package io.mycel.node.api;

import java.util.List;

/**
 * The seam: the only way node code reaches time, randomness, the network, storage and power.
 * The simulator implements it with virtual time and a simulated network; the real runtime with a
 * monotonic clock, TCP and a file store.
 */
public interface NodeContext {

    NodeId self();

    /**
     * The cluster's configured server nodes, in a fixed order, including {@link #self()}. The list
     * is shared and immutable: it is the seed list a node starts from, not live membership.
     */
    List<NodeId> members();

    /**
     * This node's clock in microseconds. It never goes backward, but it may be skewed and may
     * drift against other nodes' clocks, so compare only readings of the same node.
     */
    long nowMicros();

    /** This node's random stream, seeded by the host. */
    RandomSource random();

    /** Sends a message; delivery is not guaranteed and may be late, duplicated or reordered. */
    void send(NodeId to, Message message);

    /** Starts a one-shot timer that fires after {@code delayMicros} of this node's clock. */
    TimerId setTimer(String name, long delayMicros);

    /** Cancels a timer; cancelling one that already fired or was cancelled does nothing. */
    void cancelTimer(TimerId timer);

    DurableStore storage();

    PowerView power();

    /** Records a protocol event (a role change, a decision) in the run's trace. */
    void emit(String event, String detail);

    /**
     * Puts the node to sleep once this handler returns, for {@code micros}: radio off and CPU in
     * light sleep, its state kept. Frames sent to it meanwhile are lost; its timers that come due
     * wait and fire after {@link Process#onWake}, in order. A host that cannot sleep ignores this
     * (the node stays awake and spends more), so nothing may depend on having slept.
     */
    default void sleep(long micros) {
    }
}
