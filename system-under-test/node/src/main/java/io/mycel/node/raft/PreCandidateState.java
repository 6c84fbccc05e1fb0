package io.mycel.node.raft;

import io.mycel.node.api.NodeId;
import java.util.Set;
import java.util.TreeSet;

/** Asking for pre-votes for the next term; the term itself is not raised yet. */
final class PreCandidateState implements RoleState {

    private final Set<NodeId> granted = new TreeSet<>();

    PreCandidateState(NodeId self) {
        granted.add(self);
    }

    /** Records a grant; returns how many voters granted so far, this node included if it is one. */
    int grant(NodeId from, Configuration voters) {
        granted.add(from);
        return voters.countVoters(granted);
    }

    @Override
    public Role role() {
        return Role.PRE_CANDIDATE;
    }
}
