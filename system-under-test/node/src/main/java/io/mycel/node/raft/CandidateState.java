package io.mycel.node.raft;

import io.mycel.node.api.NodeId;
import java.util.Set;
import java.util.TreeSet;

/** Standing for election in the current term, having voted for itself. */
final class CandidateState implements RoleState {

    private final Set<NodeId> votes = new TreeSet<>();

    CandidateState(NodeId self) {
        votes.add(self);
    }

    /** Records a vote; returns the number of votes so far, its own included. */
    int vote(NodeId from) {
        votes.add(from);
        return votes.size();
    }

    @Override
    public Role role() {
        return Role.CANDIDATE;
    }
}
