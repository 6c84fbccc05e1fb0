package io.mycel.node.raft;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.TimerId;
import io.mycel.node.raft.LeaderState.PendingRead;
import io.mycel.node.raft.LeaderState.Progress;
import io.mycel.node.raft.RaftMessages.AppendEntries;
import io.mycel.node.raft.RaftMessages.AppendEntriesReply;
import io.mycel.node.raft.RaftMessages.InstallSnapshot;
import io.mycel.node.raft.RaftMessages.InstallSnapshotReply;
import io.mycel.node.raft.RaftMessages.PreVote;
import io.mycel.node.raft.RaftMessages.PreVoteReply;
import io.mycel.node.raft.RaftMessages.RaftMessage;
import io.mycel.node.raft.RaftMessages.RequestVote;
import io.mycel.node.raft.RaftMessages.RequestVoteReply;
import io.mycel.node.raft.RaftMessages.TimeoutNow;
import java.util.ArrayList;
import java.util.List;

/**
 * Raft (Ongaro and Ousterhout, 2014) on the seam, as one component of a node's process: leader
 * election with pre-vote, log replication with batching and pipelining, the commit rule of §5.4.2,
 * persistence with explicit sync, snapshots with InstallSnapshot, and read-index reads.
 *
 * <p>Sends {@link PreVote}, {@link RequestVote}, {@link AppendEntries}, {@link InstallSnapshot} and
 * their replies. Departures from the paper, each from Ongaro's thesis or common practice: pre-vote
 * (§9.6); followers ignore vote requests while they hear a leader (§4.2.3), and a leader steps down
 * when it has not heard from a majority for an election timeout (check-quorum), so a deposed leader
 * stops answering and a rejoining node cannot disrupt a healthy cluster; a new leader appends a
 * no-op so entries of earlier terms commit without waiting for a client (§5.4.2, §6.4).
 *
 * <p>Timing uses deadlines, not re-armed timers: the election timer fires, and if the deadline
 * moved on in the meantime (a heartbeat came) it is armed again for what is left. Term and vote are
 * synced by {@link QuorumState} before anything leaves; log writes are synced before an
 * AppendEntries is acknowledged and before the leader counts its own entries.
 */
public final class RaftNode {

    static final String ELECTION_TIMER = "raft-election";
    static final String HEARTBEAT_TIMER = "raft-heartbeat";

    private final RaftConfig config;
    private final RaftService service;
    private final RaftLog log = new RaftLog();
    private RaftStorage storage;
    private QuorumState quorum;
    private NodeId self;
    private List<NodeId> peers;
    private int quorumSize;

    private long commitIndex;
    private long lastApplied;
    /** The service's state at the log's snapshot boundary, as sent in InstallSnapshot. */
    private byte[] snapshotState;
    private long electionDeadlineMicros;
    private long lastLeaderContactMicros = Long.MIN_VALUE / 2;
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
        quorumSize = ctx.members().size() / 2 + 1;
        storage = new RaftStorage(ctx.storage());
        RaftStorage.Recovered recovered = storage.load();
        quorum = new QuorumState(self, storage, recovered.term(), recovered.votedFor());
        if (recovered.snapshot() != null) {
            log.compactTo(recovered.snapshotIndex(), recovered.snapshotTerm());
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
        commitIndex = log.snapshotIndex();
        lastApplied = log.snapshotIndex();
        ctx.emit("raft-recovered", "term " + quorum.term() + ", log " + log.snapshotIndex() + ".." + log.lastIndex());
        resetElectionDeadline(ctx);
        armElectionTimer(ctx);
    }

    /** Handles a timer of Raft's; returns false for any other timer. */
    public boolean onTimer(NodeContext ctx, TimerId timer) {
        if (timer.equals(electionTimer)) {
            electionTimer = null;
            onElectionTimer(ctx);
            return true;
        }
        if (timer.equals(heartbeatTimer)) {
            heartbeatTimer = null;
            onHeartbeatTimer(ctx);
            return true;
        }
        return timer.name().equals(ELECTION_TIMER) || timer.name().equals(HEARTBEAT_TIMER);
    }

    public void onMessage(NodeContext ctx, NodeId from, RaftMessage message) {
        if (message instanceof AppendEntries m) {
            onAppendEntries(ctx, from, m);
        } else if (message instanceof AppendEntriesReply m) {
            onAppendEntriesReply(ctx, from, m);
        } else if (message instanceof PreVote m) {
            onPreVote(ctx, from, m);
        } else if (message instanceof PreVoteReply m) {
            onPreVoteReply(ctx, from, m);
        } else if (message instanceof RequestVote m) {
            onRequestVote(ctx, from, m);
        } else if (message instanceof RequestVoteReply m) {
            onRequestVoteReply(ctx, from, m);
        } else if (message instanceof InstallSnapshot m) {
            onInstallSnapshot(ctx, from, m);
        } else if (message instanceof InstallSnapshotReply m) {
            onInstallSnapshotReply(ctx, from, m);
        } else if (message instanceof TimeoutNow m) {
            onTimeoutNow(ctx, m);
        }
    }

    // ---------------------------------------------------------------- the service's side

    /**
     * Appends a command if this node leads; returns its index, or -1 when it does not lead or holds
     * too many uncommitted entries (the command was not appended anywhere).
     */
    public long propose(NodeContext ctx, byte[] command) {
        if (!(quorum.state() instanceof LeaderState leader) || log.lastIndex() - commitIndex >= RaftLimits.MAX_UNCOMMITTED_ENTRIES) {
            return -1;
        }
        LogEntry entry = new LogEntry(log.lastIndex() + 1, quorum.term(), command);
        appendOwn(entry);
        for (NodeId peer : peers) {
            sendAppends(ctx, leader, peer);
        }
        advanceCommit(ctx, leader);
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
        if (leader.addRead(token, Math.max(commitIndex, leader.noopIndex()), quorumSize)) {
            startRound(ctx, leader);
        }
        serveReads(ctx, leader);
        return true;
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

    // ---------------------------------------------------------------- elections

    private void onElectionTimer(NodeContext ctx) {
        if (quorum.role() == Role.LEADER) {
            return;
        }
        long now = ctx.nowMicros();
        if (now < electionDeadlineMicros) {
            armElectionTimer(ctx);
            return;
        }
        maybeCompact(ctx);
        startPreVote(ctx);
        resetElectionDeadline(ctx);
        armElectionTimer(ctx);
    }

    private void startPreVote(NodeContext ctx) {
        quorum.transitionToPreCandidate();
        ctx.emit("raft-pre-vote", "for term " + (quorum.term() + 1));
        if (quorumSize == 1) {
            startElection(ctx, false);
            return;
        }
        PreVote ask = new PreVote(quorum.term() + 1, log.lastIndex(), log.lastTerm());
        for (NodeId peer : peers) {
            ctx.send(peer, ask);
        }
    }

    private void startElection(NodeContext ctx, boolean transfer) {
        quorum.transitionToCandidate();
        ctx.emit("raft-candidate", "term " + quorum.term());
        if (quorumSize == 1) {
            becomeLeader(ctx);
            return;
        }
        RequestVote ask = new RequestVote(quorum.term(), log.lastIndex(), log.lastTerm(), transfer);
        for (NodeId peer : peers) {
            ctx.send(peer, ask);
        }
    }

    /** Whether this node still hears a leader, so it refuses to help unseat it (thesis §4.2.3). */
    private boolean hearsLeader(long nowMicros) {
        return quorum.role() == Role.LEADER
                || (quorum.leader() != null && nowMicros - lastLeaderContactMicros < config.electionTimeoutMinMicros());
    }

    private boolean logCheckPasses(long lastLogIndex, long lastLogTerm) {
        return config.bug() == RaftBug.VOTE_WITHOUT_LOG_CHECK || log.isUpToDate(lastLogIndex, lastLogTerm);
    }

    private void onPreVote(NodeContext ctx, NodeId from, PreVote m) {
        boolean grant = m.term() > quorum.term() && !hearsLeader(ctx.nowMicros())
                && logCheckPasses(m.lastLogIndex(), m.lastLogTerm());
        ctx.send(from, new PreVoteReply(quorum.term(), m.term(), grant));
    }

    private void onPreVoteReply(NodeContext ctx, NodeId from, PreVoteReply m) {
        if (m.term() > quorum.term() && !m.granted()) {
            becomeFollower(ctx, m.term(), null);
            return;
        }
        if (quorum.state() instanceof PreCandidateState pre && m.granted() && m.forTerm() == quorum.term() + 1
                && pre.grant(from) >= quorumSize) {
            startElection(ctx, false);
        }
    }

    private void onRequestVote(NodeContext ctx, NodeId from, RequestVote m) {
        if (m.term() < quorum.term() || (!m.transfer() && hearsLeader(ctx.nowMicros()))) {
            ctx.send(from, new RequestVoteReply(quorum.term(), false));
            return;
        }
        if (m.term() > quorum.term()) {
            becomeFollower(ctx, m.term(), null);
        }
        NodeId voted = quorum.votedFor();
        boolean grant = (voted == null || voted.equals(from)) && logCheckPasses(m.lastLogIndex(), m.lastLogTerm());
        if (grant) {
            quorum.grantVote(from);
            resetElectionDeadline(ctx);
        }
        ctx.send(from, new RequestVoteReply(quorum.term(), grant));
    }

    private void onRequestVoteReply(NodeContext ctx, NodeId from, RequestVoteReply m) {
        if (m.term() > quorum.term()) {
            becomeFollower(ctx, m.term(), null);
            return;
        }
        if (quorum.state() instanceof CandidateState candidate && m.term() == quorum.term() && m.granted()
                && candidate.vote(from) >= quorumSize) {
            becomeLeader(ctx);
        }
    }

    private void onTimeoutNow(NodeContext ctx, TimeoutNow m) {
        if (m.term() == quorum.term() && quorum.role() == Role.FOLLOWER) {
            startElection(ctx, true);
            resetElectionDeadline(ctx);
        }
    }

    private void becomeLeader(NodeContext ctx) {
        LeaderState leader = new LeaderState(peers, log.lastIndex() + 1, ctx.nowMicros());
        quorum.transitionToLeader(leader);
        ctx.emit("raft-leader", "term " + quorum.term());
        appendOwn(new LogEntry(log.lastIndex() + 1, quorum.term(), new byte[0]));
        startRound(ctx, leader);
        advanceCommit(ctx, leader);
        armHeartbeatTimer(ctx);
    }

    private void becomeFollower(NodeContext ctx, long term, NodeId leader) {
        boolean wasLeader = quorum.role() == Role.LEADER;
        Role before = quorum.role();
        long termBefore = quorum.term();
        quorum.transitionToFollower(term, leader);
        if (before != Role.FOLLOWER || term != termBefore) {
            ctx.emit("raft-follower", "term " + term + (leader == null ? "" : ", leader " + leader));
        }
        if (wasLeader) {
            if (heartbeatTimer != null) {
                ctx.cancelTimer(heartbeatTimer);
                heartbeatTimer = null;
            }
            resetElectionDeadline(ctx);
            armElectionTimer(ctx);
        }
    }

    // ---------------------------------------------------------------- replication, leader side

    private void onHeartbeatTimer(NodeContext ctx) {
        if (!(quorum.state() instanceof LeaderState leader)) {
            return;
        }
        long now = ctx.nowMicros();
        if (leader.heardSince(now - config.electionTimeoutMaxMicros()) < quorumSize) {
            ctx.emit("raft-step-down", "no majority heard for " + config.electionTimeoutMaxMicros() + "us");
            becomeFollower(ctx, quorum.term(), null);
            return;
        }
        maybeCompact(ctx);
        for (Progress p : leader.followers().values()) {
            // No answer for a while: what was in flight is taken as lost, and the log probed again.
            if ((p.inflight > 0 || p.snapshotInflight) && now - p.lastSentMicros > 2 * config.heartbeatIntervalMicros()) {
                p.inflight = 0;
                p.snapshotInflight = false;
                p.probing = true;
                p.nextIndex = p.matchIndex + 1;
            }
        }
        startRound(ctx, leader);
        armHeartbeatTimer(ctx);
    }

    /** Starts a heartbeat round: every follower gets entries if it lacks some, else an empty append. */
    private void startRound(NodeContext ctx, LeaderState leader) {
        leader.nextRound();
        for (NodeId peer : peers) {
            if (!sendAppends(ctx, leader, peer)) {
                sendHeartbeat(ctx, leader, peer);
            }
        }
    }

    /** Fills the follower's pipeline; returns whether anything was sent. */
    private boolean sendAppends(NodeContext ctx, LeaderState leader, NodeId peer) {
        Progress p = leader.progress(peer);
        if (p.nextIndex <= log.snapshotIndex()) {
            if (p.snapshotInflight) {
                return false;
            }
            p.snapshotInflight = true;
            p.lastSentMicros = ctx.nowMicros();
            ctx.send(peer, new InstallSnapshot(quorum.term(), log.snapshotIndex(), log.snapshotTerm(), snapshotState,
                    leader.round()));
            return true;
        }
        boolean sent = false;
        while (p.nextIndex <= log.lastIndex() && p.inflight < (p.probing ? 1 : config.maxInflight())) {
            List<LogEntry> batch = log.slice(p.nextIndex, config.maxBatchEntries());
            long prev = p.nextIndex - 1;
            ctx.send(peer, new AppendEntries(quorum.term(), prev, log.termAt(prev), batch, commitIndex, leader.round()));
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

    /**
     * An empty append at the follower's match index, which it is known to hold, so it succeeds
     * without moving anything and carries the commit index (which the follower applies only as far
     * as the match index) and the round.
     */
    private void sendHeartbeat(NodeContext ctx, LeaderState leader, NodeId peer) {
        Progress p = leader.progress(peer);
        if (!log.hasTermAt(p.matchIndex)) {
            return;   // a snapshot is on its way to this follower
        }
        ctx.send(peer, new AppendEntries(quorum.term(), p.matchIndex, log.termAt(p.matchIndex), List.of(),
                commitIndex, leader.round()));
    }

    private void onAppendEntriesReply(NodeContext ctx, NodeId from, AppendEntriesReply m) {
        if (m.term() > quorum.term()) {
            becomeFollower(ctx, m.term(), null);
            return;
        }
        if (!(quorum.state() instanceof LeaderState leader) || m.term() != quorum.term()) {
            return;
        }
        Progress p = leader.progress(from);
        if (p == null) {
            return;
        }
        p.lastHeardMicros = ctx.nowMicros();
        p.ackedRound = Math.max(p.ackedRound, m.round());
        if (m.entries() > 0) {
            p.inflight = Math.max(0, p.inflight - 1);
        }
        if (m.success()) {
            p.matchIndex = Math.max(p.matchIndex, m.index());
            p.nextIndex = Math.max(p.nextIndex, p.matchIndex + 1);
            p.probing = false;
            advanceCommit(ctx, leader);
        } else {
            p.nextIndex = Math.max(p.matchIndex + 1, Math.min(p.nextIndex, m.index()));
            p.probing = true;
            p.inflight = 0;
        }
        if (quorum.state() == leader) {
            serveReads(ctx, leader);
            if (leader.roundDue(quorumSize)) {
                startRound(ctx, leader);
            } else {
                sendAppends(ctx, leader, from);
            }
        }
    }

    private void onInstallSnapshotReply(NodeContext ctx, NodeId from, InstallSnapshotReply m) {
        if (m.term() > quorum.term()) {
            becomeFollower(ctx, m.term(), null);
            return;
        }
        if (!(quorum.state() instanceof LeaderState leader) || m.term() != quorum.term()) {
            return;
        }
        Progress p = leader.progress(from);
        p.lastHeardMicros = ctx.nowMicros();
        p.ackedRound = Math.max(p.ackedRound, m.round());
        p.snapshotInflight = false;
        p.matchIndex = Math.max(p.matchIndex, m.lastIncludedIndex());
        p.nextIndex = p.matchIndex + 1;
        p.inflight = 0;
        p.probing = false;
        advanceCommit(ctx, leader);
        if (quorum.state() == leader) {
            serveReads(ctx, leader);
            sendAppends(ctx, leader, from);
        }
    }

    /** Commits the highest index a majority holds, if it is of this leader's term (§5.4.2). */
    private void advanceCommit(NodeContext ctx, LeaderState leader) {
        long majority = leader.quorumMatchIndex(log.lastIndex(), quorumSize);
        if (majority > commitIndex && log.termAt(majority) == quorum.term()) {
            commitIndex = majority;
            applyCommitted(ctx);
        }
    }

    private void appendOwn(LogEntry entry) {
        log.append(entry);
        storage.append(List.of(entry));
        storage.sync();
    }

    // ---------------------------------------------------------------- replication, follower side

    private void onAppendEntries(NodeContext ctx, NodeId from, AppendEntries m) {
        if (m.term() < quorum.term()) {
            ctx.send(from, new AppendEntriesReply(quorum.term(), false, log.lastIndex() + 1, m.round(), m.entries().size()));
            return;
        }
        acceptLeader(ctx, from, m.term());
        long prevIndex = m.prevLogIndex();
        long prevTerm = m.prevLogTerm();
        List<LogEntry> entries = m.entries();
        if (prevIndex < log.snapshotIndex()) {
            // The start is inside this node's snapshot, hence committed and the same as the leader's.
            int skip = (int) Math.min(entries.size(), log.snapshotIndex() - prevIndex);
            entries = entries.subList(skip, entries.size());
            if (entries.isEmpty()) {
                long known = m.prevLogIndex() + m.entries().size();
                ctx.send(from, new AppendEntriesReply(quorum.term(), true, known, m.round(), m.entries().size()));
                return;
            }
            prevIndex = log.snapshotIndex();
            prevTerm = log.snapshotTerm();
        }
        if (prevIndex > log.lastIndex()) {
            ctx.send(from, new AppendEntriesReply(quorum.term(), false, log.lastIndex() + 1, m.round(), m.entries().size()));
            return;
        }
        if (log.termAt(prevIndex) != prevTerm) {
            ctx.send(from, new AppendEntriesReply(quorum.term(), false, conflictHint(prevIndex), m.round(), m.entries().size()));
            return;
        }
        appendFromLeader(ctx, prevIndex, entries);
        long lastNew = prevIndex + entries.size();
        // Only what this message proved to match the leader may count as committed: entries after it
        // may be stale ones from an old term (the rule "min(leaderCommit, index of last new entry)").
        long commitLimit = config.bug() == RaftBug.COMMIT_BEYOND_MATCH ? log.lastIndex() : lastNew;
        if (m.leaderCommit() > commitIndex) {
            commitIndex = Math.max(commitIndex, Math.min(m.leaderCommit(), commitLimit));
            applyCommitted(ctx);
        }
        ctx.send(from, new AppendEntriesReply(quorum.term(), true, lastNew, m.round(), m.entries().size()));
    }

    /** Follows {@code leader} in {@code term}: steps down if needed and resets the election clock. */
    private void acceptLeader(NodeContext ctx, NodeId leader, long term) {
        if (term > quorum.term() || quorum.role() != Role.FOLLOWER || !leader.equals(quorum.leader())) {
            if (quorum.role() == Role.LEADER && term == quorum.term()) {
                ctx.emit("raft-two-leaders", "term " + term + ": " + leader + " and " + self);
            }
            becomeFollower(ctx, term, leader);
        }
        lastLeaderContactMicros = ctx.nowMicros();
        resetElectionDeadline(ctx);
    }

    /**
     * Appends what the log lacks after {@code prevIndex}, truncating from the first entry whose term
     * differs. Entries already held with the same term stay: an older AppendEntries delivered late
     * must not remove entries this node acknowledged since.
     */
    private void appendFromLeader(NodeContext ctx, long prevIndex, List<LogEntry> entries) {
        if (config.bug() == RaftBug.TRUNCATE_ON_STALE_APPEND && prevIndex + 1 <= log.lastIndex()
                && prevIndex + 1 > commitIndex) {
            log.truncateFrom(prevIndex + 1);
            storage.truncateFrom(prevIndex + 1);
        }
        List<LogEntry> fresh = new ArrayList<>();
        for (LogEntry entry : entries) {
            if (entry.index() <= log.lastIndex()) {
                if (log.termAt(entry.index()) == entry.term()) {
                    continue;
                }
                if (entry.index() <= commitIndex) {
                    ctx.emit("raft-committed-entry-conflict", "entry " + entry.index() + " committed with term "
                            + log.termAt(entry.index()) + ", leader sends term " + entry.term());
                }
                log.truncateFrom(entry.index());
                storage.truncateFrom(entry.index());
            }
            log.append(entry);
            fresh.add(entry);
        }
        if (!fresh.isEmpty() || config.bug() == RaftBug.TRUNCATE_ON_STALE_APPEND) {
            storage.append(fresh);
            storage.sync();
        }
    }

    /**
     * Where the leader should try next after a term mismatch at {@code prevIndex}: the first entry
     * of that conflicting term, so a whole term is skipped per round trip, but never at or below
     * the commit index, which matches the leader's log.
     */
    private long conflictHint(long prevIndex) {
        long conflictTerm = log.termAt(prevIndex);
        long first = prevIndex;
        while (first - 1 > log.snapshotIndex() && log.termAt(first - 1) == conflictTerm) {
            first--;
        }
        return Math.max(first, commitIndex + 1);
    }

    private void onInstallSnapshot(NodeContext ctx, NodeId from, InstallSnapshot m) {
        if (m.term() < quorum.term()) {
            ctx.send(from, new InstallSnapshotReply(quorum.term(), 0, m.round()));
            return;
        }
        acceptLeader(ctx, from, m.term());
        if (m.lastIncludedIndex() > commitIndex) {
            try {
                service.restore(m.state());
            } catch (MalformedMessageException e) {
                ctx.emit("raft-snapshot-rejected", "malformed snapshot at " + m.lastIncludedIndex() + ": " + e.getMessage());
                return;
            }
            // Keep the suffix when this log already holds the snapshot's last entry; else start over.
            log.compactTo(m.lastIncludedIndex(), m.lastIncludedTerm());
            snapshotState = m.state();
            commitIndex = m.lastIncludedIndex();
            lastApplied = m.lastIncludedIndex();
            storage.saveSnapshot(m.lastIncludedIndex(), m.lastIncludedTerm(), snapshotState);
            if (log.lastIndex() == log.snapshotIndex()) {
                storage.truncateFrom(log.snapshotIndex() + 1);
            }
            storage.sync();
            ctx.emit("raft-snapshot-installed", "at " + m.lastIncludedIndex() + ", term " + m.lastIncludedTerm());
        }
        ctx.send(from, new InstallSnapshotReply(quorum.term(), Math.min(m.lastIncludedIndex(), commitIndex), m.round()));
    }

    // ---------------------------------------------------------------- applying, reads, snapshots

    private void applyCommitted(NodeContext ctx) {
        while (lastApplied < commitIndex) {
            lastApplied++;
            service.apply(ctx, log.entry(lastApplied));
        }
        if (quorum.state() instanceof LeaderState leader) {
            serveReads(ctx, leader);
        }
    }

    private void serveReads(NodeContext ctx, LeaderState leader) {
        for (PendingRead read : leader.readyReads(quorumSize, lastApplied)) {
            service.readReady(ctx, read.token());
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
        storage.saveSnapshot(lastApplied, term, snapshotState);
        storage.sync();
        log.compactTo(lastApplied, term);
        ctx.emit("raft-snapshot", "at " + lastApplied + ", term " + term + ", " + snapshotState.length + " bytes");
    }

    // ---------------------------------------------------------------- timers

    private void resetElectionDeadline(NodeContext ctx) {
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
