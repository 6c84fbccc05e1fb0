package io.mycel.node.membership;

import io.mycel.node.api.NodeId;
import java.util.List;

/**
 * What a node believes about who is alive. Layers above (overlays, the store) ask it for peers;
 * they never see how liveness was learned.
 */
public interface Membership {

    /** The members believed alive, self excluded, in name order. */
    List<NodeId> alive();

    boolean isAlive(NodeId node);

    /** Told when a member is declared dead or comes back; called from inside a handler. */
    interface Listener {

        void memberDown(io.mycel.node.api.NodeContext ctx, NodeId node);

        void memberUp(io.mycel.node.api.NodeContext ctx, NodeId node);
    }
}
