package io.mycel.node.raft;

import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.raft.RaftMessages.PreVote;
import io.mycel.node.raft.RaftMessages.PreVoteReply;
import io.mycel.node.raft.RaftMessages.RequestVote;
import io.mycel.node.raft.RaftMessages.RequestVoteReply;
import io.mycel.node.raft.RaftMessages.TimeoutNow;

/**
 * Leader election (§5.2) with pre-vote (thesis §9.6): a node whose election timer expires first
 * asks for pre-votes for the next term without raising its own; only with a majority of grants
 * does it become a candidate. Voters refuse both kinds of vote while they still hear a leader
 * (§4.2.3), unless the request comes from a leadership transfer, and grant only to candidates whose
 * log is at least as up to date as theirs (§5.4.1).
 */
final class Elections {

    private final RaftNode node;

    Elections(RaftNode node) {
        this.node = node;
    }

    void startPreVote(NodeContext ctx) {
        node.quorum.transitionToPreCandidate();
        ctx.emit("raft-pre-vote", "for term " + (node.quorum.term() + 1));
        if (node.configuration.quorum() == 1) {
            startElection(ctx, false);
            return;
        }
        PreVote ask = new PreVote(node.quorum.term() + 1, node.log.lastIndex(), node.log.lastTerm());
        for (NodeId peer : node.peers) {
            ctx.send(peer, ask);
        }
    }

    /** Raises the term and asks for votes; {@code transfer} when the old leader asked for it (TimeoutNow). */
    void startElection(NodeContext ctx, boolean transfer) {
        node.quorum.transitionToCandidate();
        ctx.emit("raft-candidate", "term " + node.quorum.term() + (transfer ? ", on a leadership transfer" : ""));
        if (node.configuration.quorum() == 1) {
            node.becomeLeader(ctx);
            return;
        }
        RequestVote ask = new RequestVote(node.quorum.term(), node.log.lastIndex(), node.log.lastTerm(), transfer);
        for (NodeId peer : node.peers) {
            ctx.send(peer, ask);
        }
    }

    void onPreVote(NodeContext ctx, NodeId from, PreVote m) {
        boolean grant = m.term() > node.quorum.term() && !hearsLeader(ctx.nowMicros())
                && logCheckPasses(m.lastLogIndex(), m.lastLogTerm());
        ctx.send(from, new PreVoteReply(node.quorum.term(), m.term(), grant));
    }

    void onPreVoteReply(NodeContext ctx, NodeId from, PreVoteReply m) {
        if (m.term() > node.quorum.term() && !m.granted()) {
            node.becomeFollower(ctx, m.term(), null);
            return;
        }
        if (node.quorum.state() instanceof CampaignState pre && pre.role() == Role.PRE_CANDIDATE && m.granted()
                && m.forTerm() == node.quorum.term() + 1 && pre.grant(from, node.configuration) >= node.configuration.quorum()) {
            startElection(ctx, false);
        }
    }

    void onRequestVote(NodeContext ctx, NodeId from, RequestVote m) {
        if (m.term() < node.quorum.term() || (!m.transfer() && hearsLeader(ctx.nowMicros()))) {
            ctx.send(from, new RequestVoteReply(node.quorum.term(), false));
            return;
        }
        if (m.term() > node.quorum.term()) {
            node.becomeFollower(ctx, m.term(), null);
        }
        NodeId voted = node.quorum.votedFor();
        boolean grant = (voted == null || voted.equals(from)) && logCheckPasses(m.lastLogIndex(), m.lastLogTerm());
        if (grant) {
            node.quorum.grantVote(from);
            node.resetElectionDeadline(ctx);
        }
        ctx.send(from, new RequestVoteReply(node.quorum.term(), grant));
    }

    /** A reply of a later term never gets here: {@link RaftNode#onMessage} steps down on it first. */
    void onRequestVoteReply(NodeContext ctx, NodeId from, RequestVoteReply m) {
        if (node.quorum.state() instanceof CampaignState candidate && candidate.role() == Role.CANDIDATE
                && m.term() == node.quorum.term() && m.granted()
                && candidate.grant(from, node.configuration) >= node.configuration.quorum()) {
            node.becomeLeader(ctx);
        }
    }

    /** The leader hands over: stand at once, without a pre-vote, since the leader itself asked. */
    void onTimeoutNow(NodeContext ctx, NodeId from, TimeoutNow m) {
        if (m.term() == node.quorum.term() && node.quorum.role() == Role.FOLLOWER && from.equals(node.quorum.leader())
                && node.configuration.isVoter(node.self)) {
            startElection(ctx, true);
            node.resetElectionDeadline(ctx);
        }
    }

    /** Whether this node still hears a leader, so it refuses to help unseat it (thesis §4.2.3). */
    private boolean hearsLeader(long nowMicros) {
        return node.quorum.role() == Role.LEADER || (node.quorum.leader() != null
                && nowMicros - node.lastLeaderContactMicros < node.config.electionTimeoutMinMicros());
    }

    private boolean logCheckPasses(long lastLogIndex, long lastLogTerm) {
        return node.config.bug() == RaftBug.VOTE_WITHOUT_LOG_CHECK || node.log.isUpToDate(lastLogIndex, lastLogTerm);
    }
}
