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

    /** Records a vote; returns how many voters voted for this node so far, its own vote included. */
    int vote(NodeId from, Configuration voters) {
        votes.add(from);
        return voters.countVoters(votes);
    }

    @Override
    public Role role() {
        return Role.CANDIDATE;
    }
}
