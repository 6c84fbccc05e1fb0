package io.mycel.node.raft;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.TimerId;
import io.mycel.node.raft.LeaderState.PendingRead;
import io.mycel.node.raft.RaftMessages.AppendEntries;
import io.mycel.node.raft.RaftMessages.AppendEntriesReply;
import io.mycel.node.raft.RaftMessages.InstallSnapshot;
import io.mycel.node.raft.RaftMessages.InstallSnapshotReply;
import io.mycel.node.raft.RaftMessages.PreVote;
import io.mycel.node.raft.RaftMessages.PreVoteReply;
import io.mycel.node.raft.RaftMessages.RaftMessage;
import io.mycel.node.raft.RaftMessages.ReadIndexReply;
import io.mycel.node.raft.RaftMessages.ReadIndexRequest;
import io.mycel.node.raft.RaftMessages.RequestVote;
import io.mycel.node.raft.RaftMessages.RequestVoteReply;
import io.mycel.node.raft.RaftMessages.TimeoutNow;
import java.util.List;

/**
 * Raft (Ongaro and Ousterhout, 2014) on the seam, as one component of a node's process: leader
 * election with pre-vote ({@link Elections}), log replication with batching and pipelining
 * ({@link LeaderReplication}, {@link FollowerReplication}), persistence with explicit sync,
 * snapshots with InstallSnapshot, read-index reads and leadership transfer. {@link QuorumState}
 * owns every role transition.
 *
 * <p>Sends {@link PreVote}, {@link RequestVote}, {@link AppendEntries}, {@link InstallSnapshot},
 * {@link TimeoutNow} and their replies. Departures from the paper, each from Ongaro's thesis or
 * common practice: pre-vote (§9.6); followers ignore vote requests while they hear a leader
 * (§4.2.3), and a leader steps down when it has not heard from a majority for an election timeout
 * (check-quorum), so a deposed leader stops answering and a rejoining node cannot disrupt a healthy
 * cluster; a new leader appends a no-op so entries of earlier terms commit without waiting for a
 * client (§5.4.2, §6.4). Membership is the node's configured member list.
 *
 * <p>Timing uses deadlines, not re-armed timers: the election timer fires, and if the deadline
 * moved on in the meantime (a heartbeat came) it is armed again for what is left. Term and vote are
 * synced by {@link QuorumState} before anything leaves; log writes are synced before an
 * AppendEntries is acknowledged and before the leader counts its own entries.
 */
public final class RaftNode {

    static final String ELECTION_TIMER = "raft-election";
    static final String HEARTBEAT_TIMER = "raft-heartbeat";
    static final String REFRESH_TIMER = "raft-refresh";

    // The parts below read and write this state directly: they are one protocol, split for size.
    final RaftConfig config;
    final RaftService service;
    final RaftLog log = new RaftLog();
    RaftStorage storage;
    QuorumState quorum;
    NodeId self;
    List<NodeId> peers;
    /** The voters in force: those of the latest configuration entry in the log, committed or not. */
    Configuration configuration;
    /** The index of that entry, or the snapshot's index when the configuration came with the snapshot. */
    long configurationIndex;
    /** The configuration at the snapshot boundary. */
    Configuration snapshotConfiguration;
    long commitIndex;
    long lastApplied;
    /** The service's state at the log's snapshot boundary, as sent in InstallSnapshot. */
    byte[] snapshotState;
    long lastLeaderContactMicros = Long.MIN_VALUE / 2;

    private final Elections elections = new Elections(this);
    private final LeaderReplication leading = new LeaderReplication(this);
    private final FollowerReplication following = new FollowerReplication(this);
    private final Freshness freshness = new Freshness(this);
    private final Reconfiguration reconfiguration = new Reconfiguration(this);
    private long electionDeadlineMicros;
    private TimerId electionTimer;
    private TimerId heartbeatTimer;

    public RaftNode(RaftConfig config, RaftService service) {
        this.config = config;
        this.service = service;
    }

    // ---------------------------------------------------------------- lifecycle

    /** Recovers exactly what was synced, then waits as a follower. */
    public void onStart(NodeContext ctx) {
        self = ctx.self();
        peers = ctx.members().stream().filter(m -> !m.equals(self)).toList();
        storage = new RaftStorage(ctx.storage());
        RaftStorage.Recovered recovered = storage.load();
        quorum = new QuorumState(self, storage, recovered.term(), recovered.votedFor());
        int voters = config.initialVoters() == 0 ? ctx.members().size() : Math.min(config.initialVoters(), ctx.members().size());
        snapshotConfiguration = new Configuration(ctx.members().subList(0, voters));
        if (recovered.snapshot() != null) {
            log.compactTo(recovered.snapshotIndex(), recovered.snapshotTerm());
            snapshotConfiguration = recovered.snapshotConfiguration();
            snapshotState = recovered.snapshot();
            try {
                service.restore(snapshotState);
            } catch (MalformedMessageException e) {
                throw new IllegalStateException("stored snapshot is corrupt: " + e.getMessage(), e);
            }
        } else {
            snapshotState = service.snapshot();
        }
        for (LogEntry entry : recovered.entries()) {
            log.append(entry);
        }
        reloadConfiguration(ctx);
        commitIndex = log.snapshotIndex();
        lastApplied = log.snapshotIndex();
        ctx.emit("raft-recovered", "term " + quorum.term() + ", log " + log.snapshotIndex() + ".." + log.lastIndex());
        resetElectionDeadline(ctx);
        armElectionTimer(ctx);
        if (config.refreshIntervalMicros() > 0) {
            ctx.setTimer(REFRESH_TIMER, config.refreshIntervalMicros());
        }
    }

    /** Handles a timer of Raft's; returns false for any other timer. */
    public boolean onTimer(NodeContext ctx, TimerId timer) {
        if (timer.name().equals(REFRESH_TIMER)) {
            freshness.refresh(ctx);
            ctx.setTimer(REFRESH_TIMER, config.refreshIntervalMicros());
            return true;
        }
        if (timer.equals(electionTimer)) {
            electionTimer = null;
            onElectionTimer(ctx);
            return true;
        }
        if (timer.equals(heartbeatTimer)) {
            heartbeatTimer = null;
            if (quorum.state() instanceof LeaderState leader) {
                maybeCompact(ctx);
                leading.onHeartbeatTimer(ctx, leader);
                if (quorum.state() == leader) {
                    armHeartbeatTimer(ctx);
                }
            }
            return true;
        }
        return timer.name().equals(ELECTION_TIMER) || timer.name().equals(HEARTBEAT_TIMER);
    }

    public void onMessage(NodeContext ctx, NodeId from, RaftMessage message) {
        if (message.term() > quorum.term() && isReply(message)) {
            // A reply from a later term: this node's term is over, whatever it was doing.
            becomeFollower(ctx, message.term(), null);
            return;
        }
        if (message instanceof AppendEntries m) {
            following.onAppendEntries(ctx, from, m);
        } else if (message instanceof AppendEntriesReply || message instanceof InstallSnapshotReply) {
            if (quorum.state() instanceof LeaderState leader && message.term() == quorum.term()) {
                leading.onReply(ctx, from, leader, message);
            }
        } else if (message instanceof InstallSnapshot m) {
            following.onInstallSnapshot(ctx, from, m);
        } else if (message instanceof PreVote m) {
            elections.onPreVote(ctx, from, m);
        } else if (message instanceof PreVoteReply m) {
            elections.onPreVoteReply(ctx, from, m);
        } else if (message instanceof RequestVote m) {
            elections.onRequestVote(ctx, from, m);
        } else if (message instanceof RequestVoteReply m) {
            elections.onRequestVoteReply(ctx, from, m);
        } else if (message instanceof TimeoutNow m) {
            elections.onTimeoutNow(ctx, from, m);
        } else if (message instanceof ReadIndexRequest m) {
            freshness.onReadIndexRequest(ctx, from, m);
        } else if (message instanceof ReadIndexReply m) {
            freshness.onReadIndexReply(ctx, m);
        }
    }

    /**
     * Replies whose higher term deposes the receiver at once. A pre-vote reply is not among them:
     * a refusal carries the replier's term and is handled with the pre-vote, and a grant (for a
     * term not yet taken) must not raise anyone's term.
     */
    private static boolean isReply(RaftMessage m) {
        return m instanceof AppendEntriesReply || m instanceof InstallSnapshotReply || m instanceof RequestVoteReply;
    }

    // ---------------------------------------------------------------- the service's side

    /**
     * Appends a command if this node leads; returns its index, or -1 when it does not lead, is
     * handing leadership over, or holds too many uncommitted entries (the command was not appended).
     */
    public long propose(NodeContext ctx, byte[] command) {
        if (!(quorum.state() instanceof LeaderState leader) || leader.transferTarget() != null
                || log.lastIndex() - commitIndex >= RaftLimits.MAX_UNCOMMITTED_ENTRIES) {
            return -1;
        }
        LogEntry entry = LogEntry.command(log.lastIndex() + 1, quorum.term(), command);
        appendOwn(entry);
        replicateNow(ctx, leader);
        return entry.index();
    }

    /**
     * Registers a linearizable read; {@link RaftService#readReady} is called with {@code token} once
     * this node has confirmed it still leads and has applied everything committed when the read
     * came. Returns false when this node does not lead or too many reads wait.
     */
    public boolean read(NodeContext ctx, long token) {
        if (!(quorum.state() instanceof LeaderState leader) || leader.pendingReads() >= RaftLimits.MAX_PENDING_READS) {
            return false;
        }
        if (config.bug() == RaftBug.READS_WITHOUT_QUORUM) {
            service.readReady(ctx, token);
            return true;
        }
        // Everything committed before this node led is at or below its no-op, which it may not yet
        // know to be committed: the read waits for that too.
        if (leader.addRead(token, Math.max(commitIndex, leader.noopIndex()), configuration, self, null)) {
            leading.startRound(ctx, leader);
        }
        serveReads(ctx, leader);
        return true;
    }

    /** A read index for {@code requester} (this node included), to tell how fresh its state is. */
    void readForFreshness(NodeContext ctx, NodeId requester, long requestId) {
        if (!(quorum.state() instanceof LeaderState leader) || leader.pendingReads() >= RaftLimits.MAX_PENDING_READS) {
            return;
        }
        leader.addRead(requestId, Math.max(commitIndex, leader.noopIndex()), configuration, self, requester);
        serveReads(ctx, leader);
    }

    /**
     * This node's clock reading as of which its applied state holds every write acknowledged
     * before it, or {@code Long.MIN_VALUE} when it does not know (see {@link Freshness}). A local
     * read now is stale by at most {@code nowMicros - freshAsOfMicros()}.
     */
    public long freshAsOfMicros() {
        if (config.bug() == RaftBug.STALENESS_FROM_HEARTBEAT) {
            return quorum.role() == Role.LEADER ? Long.MAX_VALUE / 2 : lastLeaderContactMicros;
        }
        return freshness.freshAsOfMicros();
    }

    /**
     * Adds {@code node} to the voters or removes it, one server at a time (see {@link Reconfiguration}).
     */
    public VoterChange changeVoters(NodeContext ctx, NodeId node, boolean add) {
        return reconfiguration.change(ctx, node, add);
    }

    /** The voters in force now. */
    public Configuration configuration() {
        return configuration;
    }

    public NodeId leader() {
        return quorum.leader();
    }

    public Role role() {
        return quorum.role();
    }

    public long term() {
        return quorum.term();
    }

    public long commitIndex() {
        return commitIndex;
    }

    public long lastApplied() {
        return lastApplied;
    }

    /** The log, for invariants and tests to read; callers must not change it. */
    public RaftLog log() {
        return log;
    }

    // ---------------------------------------------------------------- role changes

    private void onElectionTimer(NodeContext ctx) {
        if (quorum.role() == Role.LEADER) {
            return;
        }
        // A follower's only timer: it compacts here whether or not an election is due.
        maybeCompact(ctx);
        if (ctx.nowMicros() < electionDeadlineMicros || !configuration.isVoter(self)) {
            // Not due yet; or not a voter, so never a candidate (a learner only follows the log).
            if (ctx.nowMicros() >= electionDeadlineMicros) {
                resetElectionDeadline(ctx);
            }
            armElectionTimer(ctx);
            return;
        }
        elections.startPreVote(ctx);
        resetElectionDeadline(ctx);
        armElectionTimer(ctx);
    }

    void becomeLeader(NodeContext ctx) {
        LeaderState leader = new LeaderState(peers, log.lastIndex() + 1, ctx.nowMicros());
        quorum.transitionToLeader(leader);
        ctx.emit("raft-leader", "term " + quorum.term());
        appendOwn(LogEntry.noop(log.lastIndex() + 1, quorum.term()));
        leading.startRound(ctx, leader);
        leading.advanceCommit(ctx, leader);
        armHeartbeatTimer(ctx);
    }

    void becomeFollower(NodeContext ctx, long term, NodeId leader) {
        Role before = quorum.role();
        long termBefore = quorum.term();
        quorum.transitionToFollower(term, leader);
        if (before != Role.FOLLOWER || term != termBefore) {
            ctx.emit("raft-follower", "term " + term + (leader == null ? "" : ", leader " + leader));
        }
        if (before == Role.LEADER) {
            if (heartbeatTimer != null) {
                ctx.cancelTimer(heartbeatTimer);
                heartbeatTimer = null;
            }
            resetElectionDeadline(ctx);
            armElectionTimer(ctx);
        }
    }

    // ---------------------------------------------------------------- log, applying, reads, snapshots

    /** Sends what followers lack at once (as far as their pipelines allow), and commits if it can. */
    void replicateNow(NodeContext ctx, LeaderState leader) {
        for (NodeId peer : peers) {
            leading.sendAppends(ctx, leader, peer);
        }
        leading.advanceCommit(ctx, leader);
    }

    void appendOwn(LogEntry entry) {
        log.append(entry);
        storage.append(List.of(entry));
        storage.sync();
    }

    void applyCommitted(NodeContext ctx) {
        while (lastApplied < commitIndex) {
            lastApplied++;
            service.apply(ctx, log.entry(lastApplied));
        }
        freshness.applied(ctx);
        if (quorum.state() instanceof LeaderState leader) {
            serveReads(ctx, leader);
        }
    }

    void serveReads(NodeContext ctx, LeaderState leader) {
        for (PendingRead read : leader.readyReads(configuration, self, lastApplied)) {
            if (read.requester() == null) {
                service.readReady(ctx, read.token());
            } else if (read.requester().equals(self)) {
                freshness.answered(ctx, read.token(), read.readIndex());
            } else {
                ctx.send(read.requester(), new ReadIndexReply(quorum.term(), read.token(), read.readIndex()));
            }
        }
    }

    /**
     * Compacts the log into a snapshot of the service once enough entries were applied since the
     * last one. Runs from timers, never inside a handler that applied entries, so an observer sees
     * every applied entry in a log before it is compacted away.
     */
    private void maybeCompact(NodeContext ctx) {
        if (lastApplied - log.snapshotIndex() < config.snapshotEveryEntries()) {
            return;
        }
        long term = log.termAt(lastApplied);
        snapshotState = service.snapshot();
        snapshotConfiguration = reconfiguration.configurationAt(lastApplied);
        storage.saveSnapshot(lastApplied, term, snapshotConfiguration, snapshotState);
        storage.sync();
        log.compactTo(lastApplied, term);
        ctx.emit("raft-snapshot", "at " + lastApplied + ", term " + term + ", " + snapshotState.length + " bytes");
    }

    // ---------------------------------------------------------------- configuration

    /** Takes the configuration from the latest configuration entry in the log, or the snapshot's. */
    void reloadConfiguration(NodeContext ctx) {
        reconfiguration.reload(ctx);
    }

    // ---------------------------------------------------------------- timers

    void resetElectionDeadline(NodeContext ctx) {
        electionDeadlineMicros = ctx.nowMicros() + ctx.random().nextLong(config.electionTimeoutMinMicros(),
                config.electionTimeoutMaxMicros());
    }

    private void armElectionTimer(NodeContext ctx) {
        if (electionTimer == null) {
            electionTimer = ctx.setTimer(ELECTION_TIMER, Math.max(1, electionDeadlineMicros - ctx.nowMicros()));
        }
    }

    private void armHeartbeatTimer(NodeContext ctx) {
        if (heartbeatTimer == null) {
            heartbeatTimer = ctx.setTimer(HEARTBEAT_TIMER, config.heartbeatIntervalMicros());
        }
    }
}
