package io.mycel.node.raft;

import io.mycel.node.api.NodeId;
import java.util.Set;
import java.util.TreeSet;

/**
 * Asking for votes: as a pre-candidate, for the next term without raising its own; as a
 * candidate, in the term it raised, having voted for itself. Both count grants the same way.
 */
final class CampaignState implements RoleState {

    private final Role role;
    private final Set<NodeId> granted = new TreeSet<>();

    CampaignState(Role role, NodeId self) {
        if (role != Role.PRE_CANDIDATE && role != Role.CANDIDATE) {
            throw new IllegalArgumentException("a campaign is for a pre-candidate or a candidate, not a " + role);
        }
        this.role = role;
        granted.add(self);
    }

    /** Records a grant; returns how many voters granted so far, this node included if it is one. */
    int grant(NodeId from, Configuration voters) {
        granted.add(from);
        return voters.countVoters(granted);
    }

    @Override
    public Role role() {
        return role;
    }
}
