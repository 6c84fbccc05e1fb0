package io.mycel.node.overlay;

import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.membership.Membership;
import java.util.List;

/**
 * How a node reaches the rest of the mesh: who its neighbours are, and how a broadcast travels.
 * Chosen per scenario: {@link FullMesh} for small clusters, {@link Hub} for star deployments, and
 * {@link PartialView} (HyParView with Plumtree trees) for large meshes. Payloads are opaque bytes,
 * encoded by the layer above with its own codec.
 *
 * <p>Every overlay emits {@code bcast-send ID} when this node originates a broadcast and
 * {@code bcast-deliver ID} when it delivers one from another node, so checks can measure reach.
 */
public interface Overlay extends Process, Membership.Listener {

    /** The peers this node exchanges state with directly, in name order. */
    List<NodeId> neighbours();

    /** Sends {@code payload} towards every live node; the originator does not deliver it to itself. */
    void broadcast(NodeContext ctx, byte[] payload);

    /** Receives what other nodes broadcast. */
    interface Delivery {

        void deliver(NodeContext ctx, NodeId origin, byte[] payload);
    }
}
