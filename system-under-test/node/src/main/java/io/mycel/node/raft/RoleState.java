package io.mycel.node.raft;

/** What a node keeps only while it holds one role; a transition drops it whole. */
sealed interface RoleState permits FollowerState, CampaignState, LeaderState {

    Role role();
}
