package io.mycel.node.raft;

/** The four roles of a Raft node; pre-candidate is the pre-vote phase of Ongaro's thesis §9.6. */
public enum Role {
    FOLLOWER, PRE_CANDIDATE, CANDIDATE, LEADER
}
