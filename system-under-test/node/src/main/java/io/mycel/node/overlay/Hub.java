package io.mycel.node.overlay;

import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.membership.Membership;
import io.mycel.node.overlay.OverlayMessages.Flood;
import java.util.ArrayList;
import java.util.List;

/**
 * A star: spokes talk only to the hub, the hub to everyone (Partisan's client-server manager). A
 * spoke's broadcast goes to the hub, which delivers it and relays it to every other live spoke.
 * While the hub is down, spokes are cut off from each other: that is the deployment's trade-off,
 * and the store's anti-entropy mends it when the hub returns.
 *
 * <p>Each broadcast crosses one or two links with no other path, so a single lost message would
 * lose it for good: every {@link Flood} is acknowledged and resent until it is ({@link Resender}).
 */
public final class Hub extends FloodingOverlay {

    private final NodeId hub;
    private boolean isHub;

    public Hub(NodeId hub, Membership membership, Delivery delivery, long retryIntervalMicros) {
        super(membership, delivery, retryIntervalMicros);
        this.hub = hub;
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
    List<NodeId> relayTargets(NodeId from, Flood flood) {
        List<NodeId> targets = new ArrayList<>();
        if (isHub) {
            for (NodeId peer : membership.alive()) {
                if (!peer.equals(flood.origin())) {
                    targets.add(peer);
                }
            }
        }
        return targets;
    }
}
