package io.mycel.node.raft;

import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.raft.LeaderState.Progress;
import io.mycel.node.raft.RaftMessages.AppendEntries;
import io.mycel.node.raft.RaftMessages.AppendEntriesReply;
import io.mycel.node.raft.RaftMessages.InstallSnapshot;
import io.mycel.node.raft.RaftMessages.InstallSnapshotReply;
import io.mycel.node.raft.RaftMessages.TimeoutNow;
import java.util.List;
import java.util.Map;

/**
 * The leader's side of log replication (§5.3): heartbeat rounds, pipelined AppendEntries batches
 * per follower, probing back after a rejection, InstallSnapshot for a follower that needs compacted
 * entries, the commit rule (§5.4.2), check-quorum, and leadership transfer (thesis §3.10).
 *
 * <p>A follower's pipeline holds up to {@code maxInflight} batches. Replies are not guaranteed, so
 * a pipeline silent for two heartbeat intervals is taken as lost and its follower probed again
 * from its match index. Heartbeats that carry no entries go to the match index, which the follower
 * is known to hold, so they succeed and confirm the round without moving anything.
 */
final class LeaderReplication {

    private final RaftNode node;

    LeaderReplication(RaftNode node) {
        this.node = node;
    }

    void onHeartbeatTimer(NodeContext ctx, LeaderState leader) {
        long now = ctx.nowMicros();
        RaftConfig config = node.config;
        if (leader.heardSince(node.configuration, node.self, now - config.electionTimeoutMaxMicros())
                < node.configuration.quorum()) {
            ctx.emit("raft-step-down", "no majority heard for " + config.electionTimeoutMaxMicros() + "us");
            node.becomeFollower(ctx, node.quorum.term(), null);
            return;
        }
        for (Progress p : leader.followers().values()) {
            if ((p.inflight > 0 || p.snapshotInflight) && now - p.lastSentMicros > 2 * config.heartbeatIntervalMicros()) {
                p.inflight = 0;
                p.snapshotInflight = false;
                p.probing = true;
                p.nextIndex = p.matchIndex + 1;
            }
        }
        considerTransfer(ctx, leader);
        startRound(ctx, leader);
    }

    /** Starts a heartbeat round: every follower gets entries if it lacks some, else an empty append. */
    void startRound(NodeContext ctx, LeaderState leader) {
        leader.nextRound();
        for (NodeId peer : node.peers) {
            if (!sendAppends(ctx, leader, peer)) {
                sendHeartbeat(ctx, leader, peer);
            }
        }
    }

    /** Fills the follower's pipeline; returns whether anything was sent. */
    boolean sendAppends(NodeContext ctx, LeaderState leader, NodeId peer) {
        Progress p = leader.progress(peer);
        RaftLog log = node.log;
        if (p.nextIndex <= log.snapshotIndex()) {
            if (p.snapshotInflight) {
                return false;
            }
            p.snapshotInflight = true;
            p.lastSentMicros = ctx.nowMicros();
            ctx.send(peer, new InstallSnapshot(node.quorum.term(), log.snapshotIndex(), log.snapshotTerm(),
                    node.snapshotConfiguration, node.snapshotState, leader.round()));
            return true;
        }
        boolean sent = false;
        while (p.nextIndex <= log.lastIndex() && p.inflight < (p.probing ? 1 : node.config.maxInflight())) {
            List<LogEntry> batch = log.slice(p.nextIndex, node.config.maxBatchEntries());
            long prev = p.nextIndex - 1;
            ctx.send(peer, new AppendEntries(node.quorum.term(), prev, log.termAt(prev), batch, node.commitIndex,
                    leader.round()));
            p.inflight++;
            p.lastSentMicros = ctx.nowMicros();
            sent = true;
            if (p.probing) {
                break;
            }
            p.nextIndex += batch.size();
        }
        return sent;
    }

    private void sendHeartbeat(NodeContext ctx, LeaderState leader, NodeId peer) {
        Progress p = leader.progress(peer);
        // A match index compacted away: the snapshot boundary instead. The follower may reject it,
        // but it still hears its leader and answers the round.
        long prev = node.log.hasTermAt(p.matchIndex) ? p.matchIndex : node.log.snapshotIndex();
        ctx.send(peer, new AppendEntries(node.quorum.term(), prev, node.log.termAt(prev), List.of(),
                node.commitIndex, leader.round()));
    }

    /** A follower's answer to an AppendEntries or an InstallSnapshot of this leader's term. */
    void onReply(NodeContext ctx, NodeId from, LeaderState leader, RaftMessages.RaftMessage reply) {
        Progress p = leader.progress(from);
        if (p == null) {
            return;
        }
        p.lastHeardMicros = ctx.nowMicros();
        if (reply instanceof AppendEntriesReply m) {
            onAppendEntriesReply(p, m);
        } else if (reply instanceof InstallSnapshotReply m) {
            onInstallSnapshotReply(p, m);
        }
        advanceCommit(ctx, leader);
        afterReply(ctx, leader, from);
    }

    private void onAppendEntriesReply(Progress p, AppendEntriesReply m) {
        p.ackedRound = Math.max(p.ackedRound, m.round());
        if (m.entries() > 0) {
            p.inflight = Math.max(0, p.inflight - 1);
        }
        if (m.success()) {
            // Clamped: no follower can hold more than this leader sent (a reply claiming so is bogus).
            p.matchIndex = Math.max(p.matchIndex, Math.min(m.index(), node.log.lastIndex()));
            p.nextIndex = Math.max(p.nextIndex, p.matchIndex + 1);
            p.probing = false;
        } else {
            p.nextIndex = Math.max(p.matchIndex + 1, Math.min(p.nextIndex, m.index()));
            p.probing = true;
            p.inflight = 0;
        }
    }

    private void onInstallSnapshotReply(Progress p, InstallSnapshotReply m) {
        p.ackedRound = Math.max(p.ackedRound, m.round());
        p.snapshotInflight = false;
        p.matchIndex = Math.max(p.matchIndex, Math.min(m.lastIncludedIndex(), node.log.lastIndex()));
        p.nextIndex = p.matchIndex + 1;
        p.inflight = 0;
        p.probing = false;
    }

    private void afterReply(NodeContext ctx, LeaderState leader, NodeId from) {
        if (node.quorum.state() != leader) {
            return;   // applying entries cannot depose a leader, but be plain about it
        }
        node.serveReads(ctx, leader);
        if (from.equals(leader.transferTarget()) && leader.progress(from).matchIndex == node.log.lastIndex()) {
            ctx.send(from, new TimeoutNow(node.quorum.term()));
        }
        if (leader.roundDue(node.configuration, node.self)) {
            startRound(ctx, leader);
        } else {
            sendAppends(ctx, leader, from);
        }
    }

    /**
     * Commits the highest index a majority of voters holds, if it is of this leader's term
     * (§5.4.2). A leader that committed a configuration without itself then steps down (§4.2.2).
     */
    void advanceCommit(NodeContext ctx, LeaderState leader) {
        long majority = leader.quorumMatchIndex(node.configuration, node.self, node.log.lastIndex());
        if (majority > node.commitIndex && node.log.termAt(majority) == node.quorum.term()) {
            node.commitIndex = majority;
            node.applyCommitted(ctx);
            if (!node.configuration.isVoter(node.self) && node.configurationIndex <= node.commitIndex
                    && node.quorum.state() == leader) {
                ctx.emit("raft-step-down", "removed from the voters " + node.configuration);
                node.becomeFollower(ctx, node.quorum.term(), null);
            }
        }
    }

    /**
     * Hands leadership over when this node has led for {@code leaderMaxTenure} (rotation spreads the
     * leader's radio and CPU cost over battery-powered nodes) or its power runs low: to the follower
     * furthest along, once it holds the whole log. Proposals wait meanwhile; a transfer that has not
     * happened within an election timeout is given up.
     */
    private void considerTransfer(NodeContext ctx, LeaderState leader) {
        long now = ctx.nowMicros();
        if (leader.transferTarget() != null) {
            if (now >= leader.transferDeadlineMicros()) {
                ctx.emit("raft-transfer-abandoned", "to " + leader.transferTarget());
                leader.endTransfer();
            }
            return;
        }
        long tenure = node.config.leaderMaxTenureMicros();
        boolean rotate = tenure > 0 && now - leader.sinceMicros() >= tenure;
        boolean low = ctx.power().isLow();
        if (!(rotate || low) || node.peers.isEmpty()) {
            return;
        }
        NodeId target = null;
        long best = -1;
        for (Map.Entry<NodeId, Progress> e : leader.followers().entrySet()) {
            if (node.configuration.isVoter(e.getKey()) && e.getValue().matchIndex > best
                    && e.getValue().lastHeardMicros >= now - node.config.electionTimeoutMinMicros()) {
                best = e.getValue().matchIndex;
                target = e.getKey();
            }
        }
        if (target == null) {
            return;
        }
        leader.startTransfer(target, now + node.config.electionTimeoutMaxMicros());
        ctx.emit("raft-transfer", "to " + target + (low ? ", power low" : ", after " + tenure + "us leading"));
        if (leader.progress(target).matchIndex == node.log.lastIndex()) {
            ctx.send(target, new TimeoutNow(node.quorum.term()));
        }
    }
}
