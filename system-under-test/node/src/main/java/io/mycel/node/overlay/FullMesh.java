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
 * Every node is every node's neighbour. A broadcast is flooded: the originator sends it to every
 * live member, and each node relays it once, on first receipt, to every live member but the origin
 * and the sender. Every send is acknowledged and resent until it is ({@link Resender}). That costs
 * about 2 n squared messages a broadcast, which a small cluster affords; in return a broadcast
 * survives lost messages, and the relaying gives reliable broadcast's agreement: if the origin
 * crashes halfway, whoever got the message passes it on.
 */
public final class FullMesh implements Overlay {

    /** Ids are remembered this long: far beyond a broadcast's lifetime in a small cluster. */
    static final long ID_MEMORY_MICROS = 60_000_000;

    private final Membership membership;
    private final Delivery delivery;
    private final RecentIds seen = new RecentIds(ID_MEMORY_MICROS);
    private final Resender resender;

    public FullMesh(Membership membership, Delivery delivery, long retryIntervalMicros) {
        this.membership = membership;
        this.delivery = delivery;
        this.resender = new Resender(membership, retryIntervalMicros);
    }

    @Override
    public void onStart(NodeContext ctx) {
    }

    @Override
    public List<NodeId> neighbours() {
        return membership.alive();
    }

    @Override
    public void broadcast(NodeContext ctx, byte[] payload) {
        long id = ctx.random().nextLong();
        seen.add(ctx.nowMicros(), id);
        ctx.emit("bcast-send", BroadcastId.text(id));
        Flood flood = new Flood(ctx.self(), id, payload);
        for (NodeId peer : membership.alive()) {
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
        for (NodeId peer : membership.alive()) {
            if (!peer.equals(flood.origin()) && !peer.equals(from)) {
                resender.send(ctx, peer, flood);
            }
        }
        delivery.deliver(ctx, flood.origin(), flood.payload());
    }

    @Override
    public void onTimer(NodeContext ctx, TimerId timer) {
        if (!timer.name().equals(Resender.RETRY_TIMER)) {
            throw new IllegalStateException("unknown full-mesh timer " + timer);
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
