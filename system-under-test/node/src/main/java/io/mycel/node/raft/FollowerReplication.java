package io.mycel.node.raft;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.raft.RaftMessages.AppendEntries;
import io.mycel.node.raft.RaftMessages.AppendEntriesReply;
import io.mycel.node.raft.RaftMessages.InstallSnapshot;
import io.mycel.node.raft.RaftMessages.InstallSnapshotReply;
import java.util.ArrayList;
import java.util.List;

/**
 * The follower's side of replication: AppendEntries with the consistency check and conflict
 * truncation of §5.3, the commit rule for followers, and InstallSnapshot (§7). Everything appended
 * is synced before the reply leaves, so an acknowledged entry survives a crash.
 */
final class FollowerReplication {

    private final RaftNode node;

    FollowerReplication(RaftNode node) {
        this.node = node;
    }

    void onAppendEntries(NodeContext ctx, NodeId from, AppendEntries m) {
        RaftLog log = node.log;
        long term = node.quorum.term();
        if (m.term() < term) {
            ctx.send(from, new AppendEntriesReply(term, false, log.lastIndex() + 1, m.round(), m.entries().size()));
            return;
        }
        acceptLeader(ctx, from, m.term());
        term = node.quorum.term();
        long prevIndex = m.prevLogIndex();
        long prevTerm = m.prevLogTerm();
        List<LogEntry> entries = m.entries();
        if (prevIndex < log.snapshotIndex()) {
            // The start is inside this node's snapshot, hence committed and the same as the leader's.
            int skip = (int) Math.min(entries.size(), log.snapshotIndex() - prevIndex);
            entries = entries.subList(skip, entries.size());
            if (entries.isEmpty()) {
                long known = m.prevLogIndex() + m.entries().size();
                ctx.send(from, new AppendEntriesReply(term, true, known, m.round(), m.entries().size()));
                return;
            }
            prevIndex = log.snapshotIndex();
            prevTerm = log.snapshotTerm();
            if (entries.get(0).term() < prevTerm) {
                // No leader sends this: entries after the snapshot with a term below its last one.
                ctx.emit("raft-append-rejected", "entry " + entries.get(0) + " after a snapshot of term " + prevTerm);
                return;
            }
        }
        if (prevIndex > log.lastIndex()) {
            ctx.send(from, new AppendEntriesReply(term, false, log.lastIndex() + 1, m.round(), m.entries().size()));
            return;
        }
        if (log.termAt(prevIndex) != prevTerm) {
            ctx.send(from, new AppendEntriesReply(term, false, conflictHint(prevIndex), m.round(), m.entries().size()));
            return;
        }
        appendFromLeader(ctx, prevIndex, entries);
        long lastNew = prevIndex + entries.size();
        // Only what this message proved to match the leader may count as committed: entries after it
        // may be stale ones from an old term (the rule "min(leaderCommit, index of last new entry)").
        long commitLimit = node.config.bug() == RaftBug.COMMIT_BEYOND_MATCH ? log.lastIndex() : lastNew;
        if (m.leaderCommit() > node.commitIndex) {
            node.commitIndex = Math.max(node.commitIndex, Math.min(m.leaderCommit(), commitLimit));
            node.applyCommitted(ctx);
        }
        ctx.send(from, new AppendEntriesReply(term, true, lastNew, m.round(), m.entries().size()));
    }

    /** Follows {@code leader} in {@code term}: steps down if needed and resets the election clock. */
    private void acceptLeader(NodeContext ctx, NodeId leader, long term) {
        if (term > node.quorum.term() || node.quorum.role() != Role.FOLLOWER || !leader.equals(node.quorum.leader())) {
            if (node.quorum.role() == Role.LEADER && term == node.quorum.term()) {
                ctx.emit("raft-two-leaders", "term " + term + ": " + leader + " and " + node.self);
            }
            node.becomeFollower(ctx, term, leader);
        }
        node.lastLeaderContactMicros = ctx.nowMicros();
        node.resetElectionDeadline(ctx);
    }

    /**
     * Appends what the log lacks after {@code prevIndex}, truncating from the first entry whose term
     * differs. Entries already held with the same term stay: an older AppendEntries delivered late
     * must not remove entries this node acknowledged since.
     */
    private void appendFromLeader(NodeContext ctx, long prevIndex, List<LogEntry> entries) {
        RaftLog log = node.log;
        boolean bug = node.config.bug() == RaftBug.TRUNCATE_ON_STALE_APPEND;
        boolean truncated = false;
        if (bug && prevIndex + 1 <= log.lastIndex() && prevIndex + 1 > node.commitIndex) {
            log.truncateFrom(prevIndex + 1);
            node.storage.truncateFrom(prevIndex + 1);
            truncated = true;
        }
        List<LogEntry> fresh = new ArrayList<>();
        for (LogEntry entry : entries) {
            if (entry.index() <= log.lastIndex()) {
                if (log.termAt(entry.index()) == entry.term()) {
                    continue;
                }
                if (entry.index() <= node.commitIndex) {
                    ctx.emit("raft-committed-entry-conflict", "entry " + entry.index() + " committed with term "
                            + log.termAt(entry.index()) + ", leader sends term " + entry.term());
                }
                log.truncateFrom(entry.index());
                node.storage.truncateFrom(entry.index());
                truncated = true;
            }
            log.append(entry);
            fresh.add(entry);
        }
        if (truncated || fresh.stream().anyMatch(e -> e.kind() == LogEntry.Kind.CONFIGURATION)) {
            // A configuration takes effect when it is in the log, and stops when it is truncated away.
            node.reloadConfiguration(ctx);
        }
        if (!fresh.isEmpty() || bug) {
            node.storage.append(fresh);
            node.storage.sync();
        }
    }

    /**
     * Where the leader should try next after a term mismatch at {@code prevIndex}: the first entry
     * of that conflicting term, so a whole term is skipped per round trip, but never at or below
     * the commit index, which matches the leader's log.
     */
    private long conflictHint(long prevIndex) {
        RaftLog log = node.log;
        long conflictTerm = log.termAt(prevIndex);
        long first = prevIndex;
        while (first - 1 > log.snapshotIndex() && log.termAt(first - 1) == conflictTerm) {
            first--;
        }
        return Math.max(first, node.commitIndex + 1);
    }

    void onInstallSnapshot(NodeContext ctx, NodeId from, InstallSnapshot m) {
        if (m.term() < node.quorum.term()) {
            ctx.send(from, new InstallSnapshotReply(node.quorum.term(), 0, m.round()));
            return;
        }
        acceptLeader(ctx, from, m.term());
        if (m.lastIncludedIndex() > node.commitIndex) {
            try {
                node.service.restore(m.state());
            } catch (MalformedMessageException e) {
                ctx.emit("raft-snapshot-rejected", "malformed snapshot at " + m.lastIncludedIndex() + ": " + e.getMessage());
                return;
            }
            RaftLog log = node.log;
            // Keep the suffix when this log already holds the snapshot's last entry; else start over.
            log.compactTo(m.lastIncludedIndex(), m.lastIncludedTerm());
            node.snapshotState = m.state();
            node.snapshotConfiguration = m.configuration();
            node.commitIndex = m.lastIncludedIndex();
            node.lastApplied = m.lastIncludedIndex();
            node.storage.saveSnapshot(m.lastIncludedIndex(), m.lastIncludedTerm(), m.configuration(), node.snapshotState);
            if (log.lastIndex() == log.snapshotIndex()) {
                node.storage.truncateFrom(log.snapshotIndex() + 1);
            }
            node.storage.sync();
            node.reloadConfiguration(ctx);
            ctx.emit("raft-snapshot-installed", "at " + m.lastIncludedIndex() + ", term " + m.lastIncludedTerm());
        }
        ctx.send(from, new InstallSnapshotReply(node.quorum.term(), Math.min(m.lastIncludedIndex(), node.commitIndex),
                m.round()));
    }
}
