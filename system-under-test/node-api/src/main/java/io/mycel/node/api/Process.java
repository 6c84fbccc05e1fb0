package io.mycel.node.api;

/**
 * One protocol role on a node: a deterministic state machine driven by its host.
 *
 * <p>The host calls exactly one handler at a time, never concurrently, and a handler runs to
 * completion without observing time passing. Everything a handler does to the world goes through
 * the {@link NodeContext} it is given. A crash discards the instance; on restart the host makes a
 * fresh one, which finds only what was synced to {@link DurableStore}.
 */
public interface Process {

    /** Called once per incarnation, before any message or timer. */
    void onStart(NodeContext ctx);

    /** A message from a peer or a client. {@code from} is the sender's id. */
    void onMessage(NodeContext ctx, NodeId from, Message message);

    /** A timer set with {@link NodeContext#setTimer} has fired (it was not cancelled). */
    void onTimer(NodeContext ctx, TimerId timer);

    /**
     * What {@link NodeContext#power()} reports crossed a threshold: the node became low on energy,
     * or no longer is. Called as a timer would be; nothing happens by default.
     */
    default void onPowerChange(NodeContext ctx) {
    }

    /**
     * The node woke from a {@link NodeContext#sleep}, before any timer that came due while it slept;
     * nothing by default.
     */
    default void onWake(NodeContext ctx) {
    }
}
