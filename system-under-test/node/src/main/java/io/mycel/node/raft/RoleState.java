package io.mycel.node.raft;

/** What a node keeps only while it holds one role; a transition drops it whole. */
sealed interface RoleState permits FollowerState, PreCandidateState, CandidateState, LeaderState {

    Role role();
}
