package io.mycel.node.raft;

import io.mycel.node.api.NodeId;

/**
 * The one owner of a node's term, vote and role, and of every transition between roles. Term and
 * vote are written and synced before a transition returns, so nothing the node sends afterwards can
 * get ahead of what it would remember after a crash.
 *
 * <p>Transitions (anything else is a bug and throws):
 * <pre>
 *   from \ to       FOLLOWER           PRE_CANDIDATE        CANDIDATE            LEADER
 *   FOLLOWER        higher term        election timeout     TimeoutNow           -
 *   PRE_CANDIDATE   higher term, or    timeout (again)      majority of          -
 *                   a leader's append                       pre-votes
 *   CANDIDATE       higher term, or    election timeout     -                    majority of votes
 *                   a leader's append
 *   LEADER          higher term, or    -                    -                    -
 *                   lost its quorum
 * </pre>
 * A transition to follower in a higher term clears the vote; the term never goes down.
 */
final class QuorumState {

    private final NodeId self;
    private final RaftStorage storage;
    private long term;
    private NodeId votedFor;
    private RoleState state = new FollowerState(null);

    QuorumState(NodeId self, RaftStorage storage, long term, NodeId votedFor) {
        this.self = self;
        this.storage = storage;
        this.term = term;
        this.votedFor = votedFor;
    }

    long term() {
        return term;
    }

    NodeId votedFor() {
        return votedFor;
    }

    RoleState state() {
        return state;
    }

    Role role() {
        return state.role();
    }

    /** The leader this node knows for its term: itself when leading, else the one it follows, or null. */
    NodeId leader() {
        if (state instanceof LeaderState) {
            return self;
        }
        return state instanceof FollowerState f ? f.leader() : null;
    }

    /**
     * Becomes a follower of {@code leader} (null when unknown) in {@code newTerm}, which may not be
     * below the current term.
     */
    void transitionToFollower(long newTerm, NodeId leader) {
        if (newTerm < term) {
            throw new IllegalStateException("term going back from " + term + " to " + newTerm);
        }
        if (newTerm > term) {
            term = newTerm;
            votedFor = null;
            persist();
        }
        state = new FollowerState(leader);
    }

    void transitionToPreCandidate() {
        requireNot(Role.LEADER, "pre-candidate");
        state = new CampaignState(Role.PRE_CANDIDATE, self);
    }

    /** Raises the term and votes for itself: from a won pre-vote, or from a follower told to by TimeoutNow. */
    void transitionToCandidate() {
        if (role() != Role.PRE_CANDIDATE && role() != Role.FOLLOWER) {
            throw new IllegalStateException("candidate from " + role());
        }
        term++;
        votedFor = self;
        persist();
        state = new CampaignState(Role.CANDIDATE, self);
    }

    void transitionToLeader(LeaderState leader) {
        if (role() != Role.CANDIDATE) {
            throw new IllegalStateException("leader from " + role());
        }
        state = leader;
    }

    /** Votes for {@code candidate} in the current term; the caller checked the vote is free. */
    void grantVote(NodeId candidate) {
        if (votedFor != null && !votedFor.equals(candidate)) {
            throw new IllegalStateException("voting for " + candidate + " in term " + term + " after " + votedFor);
        }
        votedFor = candidate;
        persist();
    }

    private void persist() {
        storage.saveTermAndVote(term, votedFor);
        storage.sync();
    }

    private void requireNot(Role role, String target) {
        if (role() == role) {
            throw new IllegalStateException(target + " from " + role);
        }
    }
}
