package io.mycel.node.overlay;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.TimerId;
import io.mycel.node.membership.Membership;
import io.mycel.node.overlay.OverlayMessages.Flood;
import io.mycel.node.overlay.OverlayMessages.FloodAck;
import java.util.List;

/**
 * What the full mesh and the hub share: a broadcast is a {@link Flood} sent to each neighbour, every
 * send acknowledged ({@link FloodAck}) and resent until it is ({@link Resender}); a node delivers a
 * flood once, on first receipt, and relays it to the peers its topology names.
 */
abstract class FloodingOverlay implements Overlay {

    /** Ids are remembered this long: far beyond a broadcast's lifetime in a small cluster. */
    static final long ID_MEMORY_MICROS = 60_000_000;

    final Membership membership;
    private final Delivery delivery;
    private final RecentIds seen = new RecentIds(ID_MEMORY_MICROS);
    private final Resender resender;

    FloodingOverlay(Membership membership, Delivery delivery, long retryIntervalMicros) {
        this.membership = membership;
        this.delivery = delivery;
        this.resender = new Resender(membership, retryIntervalMicros);
    }

    /** The peers a flood first received from {@code from} is relayed to. */
    abstract List<NodeId> relayTargets(NodeId from, Flood flood);

    @Override
    public void broadcast(NodeContext ctx, byte[] payload) {
        long id = ctx.random().nextLong();
        seen.add(ctx.nowMicros(), id);
        ctx.emit("bcast-send", BroadcastId.text(id));
        Flood flood = new Flood(ctx.self(), id, payload);
        for (NodeId peer : neighbours()) {
            resender.send(ctx, peer, flood);
        }
    }

    @Override
    public void onMessage(NodeContext ctx, NodeId from, Message message) {
        if (message instanceof FloodAck ack) {
            resender.acknowledged(from, ack.id());
            return;
        }
        if (!(message instanceof Flood flood)) {
            return;
        }
        ctx.send(from, new FloodAck(flood.id()));   // a duplicate too: the first ack may have been lost
        if (!seen.add(ctx.nowMicros(), flood.id())) {
            return;
        }
        ctx.emit("bcast-deliver", BroadcastId.text(flood.id()));
        for (NodeId peer : relayTargets(from, flood)) {
            resender.send(ctx, peer, flood);
        }
        delivery.deliver(ctx, flood.origin(), flood.payload());
    }

    @Override
    public void onTimer(NodeContext ctx, TimerId timer) {
        if (!timer.name().equals(Resender.RETRY_TIMER)) {
            throw new IllegalStateException("unknown " + getClass().getSimpleName() + " timer " + timer);
        }
        resender.onRetryTimer(ctx);
    }

    @Override
    public void memberDown(NodeContext ctx, NodeId node) {
    }

    @Override
    public void memberUp(NodeContext ctx, NodeId node) {
    }
}
