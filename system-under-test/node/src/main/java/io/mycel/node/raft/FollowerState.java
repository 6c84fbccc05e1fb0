package io.mycel.node.raft;

import io.mycel.node.api.NodeId;

/** A follower, and the leader of its term once it has heard from one (null until then). */
record FollowerState(NodeId leader) implements RoleState {

    @Override
    public Role role() {
        return Role.FOLLOWER;
    }
}
