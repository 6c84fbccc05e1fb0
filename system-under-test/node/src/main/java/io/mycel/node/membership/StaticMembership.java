package io.mycel.node.membership;

import io.mycel.node.api.NodeId;
import java.util.ArrayList;
import java.util.List;

/**
 * Membership without failure detection: every configured member is taken to be alive. Used when a
 * scenario runs without SWIM, and by overlays (HyParView) that watch their own neighbours.
 *
 * <p>It keeps the host's member list rather than a copy: a simulation of ten thousand nodes would
 * otherwise hold a hundred million entries for lists nobody but small-cluster overlays reads.
 */
public final class StaticMembership implements Membership {

    private final List<NodeId> members;
    private final NodeId self;

    public StaticMembership(List<NodeId> members, NodeId self) {
        this.members = members;
        this.self = self;
    }

    @Override
    public List<NodeId> alive() {
        List<NodeId> others = new ArrayList<>(members.size());
        for (NodeId m : members) {
            if (!m.equals(self)) {
                others.add(m);
            }
        }
        others.sort(null);
        return others;
    }

    @Override
    public boolean isAlive(NodeId node) {
        return !node.equals(self) && members.contains(node);
    }
}
