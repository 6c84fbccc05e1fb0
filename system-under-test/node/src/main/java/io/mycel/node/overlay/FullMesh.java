package io.mycel.node.overlay;

import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.membership.Membership;
import io.mycel.node.overlay.OverlayMessages.Flood;
import java.util.ArrayList;
import java.util.List;

/**
 * Every node is every node's neighbour. A broadcast is flooded: the originator sends it to every
 * live member, and each node relays it once, on first receipt, to every live member but the origin
 * and the sender. Every send is acknowledged and resent until it is ({@link Resender}). That costs
 * about 2 n squared messages a broadcast, which a small cluster affords; in return a broadcast
 * survives lost messages, and the relaying gives reliable broadcast's agreement: if the origin
 * crashes halfway, whoever got the message passes it on.
 */
public final class FullMesh extends FloodingOverlay {

    public FullMesh(Membership membership, Delivery delivery, long retryIntervalMicros) {
        super(membership, delivery, retryIntervalMicros);
    }

    @Override
    public void onStart(NodeContext ctx) {
    }

    @Override
    public List<NodeId> neighbours() {
        return membership.alive();
    }

    @Override
    List<NodeId> relayTargets(NodeId from, Flood flood) {
        List<NodeId> targets = new ArrayList<>();
        for (NodeId peer : membership.alive()) {
            if (!peer.equals(flood.origin()) && !peer.equals(from)) {
                targets.add(peer);
            }
        }
        return targets;
    }
}
