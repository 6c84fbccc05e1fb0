package io.mycel.node.membership;

import io.mycel.node.api.NodeId;
import java.util.List;

/**
 * Membership without failure detection: every configured member is taken to be alive. Used when a
 * scenario runs without SWIM, and by overlays (HyParView) that watch their own neighbours.
 */
public final class StaticMembership implements Membership {

    private final List<NodeId> others;

    public StaticMembership(List<NodeId> members, NodeId self) {
        this.others = members.stream().filter(m -> !m.equals(self)).sorted().toList();
    }

    @Override
    public List<NodeId> alive() {
        return others;
    }

    @Override
    public boolean isAlive(NodeId node) {
        return others.contains(node);
    }
}
