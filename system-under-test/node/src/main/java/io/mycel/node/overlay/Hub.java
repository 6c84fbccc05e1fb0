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
 * A star: spokes talk only to the hub, the hub to everyone (Partisan's client-server manager). A
 * spoke's broadcast goes to the hub, which delivers it and relays it to every other live spoke.
 * While the hub is down, spokes are cut off from each other: that is the deployment's trade-off,
 * and the store's anti-entropy mends it when the hub returns.
 *
 * <p>Each broadcast crosses one or two links with no other path, so a single lost message would
 * lose it for good: every {@link Flood} is acknowledged ({@link FloodAck}) and resent until it is
 * ({@link Resender}).
 */
public final class Hub implements Overlay {

    private final NodeId hub;
    private final Membership membership;
    private final Delivery delivery;
    private final Resender resender;
    private final RecentIds seen = new RecentIds(FullMesh.ID_MEMORY_MICROS);
    private boolean isHub;

    public Hub(NodeId hub, Membership membership, Delivery delivery, long retryIntervalMicros) {
        this.hub = hub;
        this.membership = membership;
        this.delivery = delivery;
        this.resender = new Resender(membership, retryIntervalMicros);
    }

    @Override
    public void onStart(NodeContext ctx) {
        isHub = ctx.self().equals(hub);
    }

    @Override
    public List<NodeId> neighbours() {
        return isHub ? membership.alive() : List.of(hub);
    }

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
        if (isHub) {
            for (NodeId peer : membership.alive()) {
                if (!peer.equals(flood.origin())) {
                    resender.send(ctx, peer, flood);
                }
            }
        }
        delivery.deliver(ctx, flood.origin(), flood.payload());
    }

    @Override
    public void onTimer(NodeContext ctx, TimerId timer) {
        if (!timer.name().equals(Resender.RETRY_TIMER)) {
            throw new IllegalStateException("unknown hub overlay timer " + timer);
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
