package io.mycel.node.raft;

import io.mycel.node.api.Invariant;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Raft's safety properties (Figure 3 of the paper), checked over every node after every event:
 * <ul>
 *   <li><b>election safety</b>: at most one leader per term, over the whole run;</li>
 *   <li><b>log matching</b>: two entries with the same index and term hold the same command and
 *       follow entries of the same term; by induction the logs agree on everything before them;</li>
 *   <li><b>leader completeness</b>: a node that becomes leader holds every entry known committed;</li>
 *   <li><b>state-machine safety</b>: no two nodes ever count different entries committed at one
 *       index, so none applies a different command there.</li>
 * </ul>
 * It looks only at what changed since its last call (entries appended after the last index it saw,
 * or from a truncation point), so a run pays little for it. An entry compacted into a snapshot
 * before the invariant saw it is not checked; compaction runs only from timers, so every entry is
 * seen at least once in a log first.
 */
public final class RaftSafetyInvariant implements Invariant {

    public static final String NAME = "raft-safety";

    /** What the invariant saw of one node's process last time. */
    private static final class Watch {
        RaftNode raft;
        long checkedLastIndex;
        long truncations;
        long checkedCommit;
        long leaderTerm;
    }

    private record Seen(LogEntry entry, long prevTerm, NodeId node) {
    }

    private final Map<Long, NodeId> leaders = new HashMap<>();
    private final Map<Long, Map<Long, Seen>> entries = new HashMap<>();
    private final Map<Long, Seen> committed = new TreeMap<>();
    private final Map<NodeId, Watch> watches = new HashMap<>();

    @Override
    public String check(long nowMicros, List<NodeId> nodes, List<Process> processes) {
        for (int i = 0; i < nodes.size(); i++) {
            if (processes.get(i) instanceof RaftHolder holder) {
                String violation = check(nodes.get(i), holder.raft());
                if (violation != null) {
                    return violation;
                }
            }
        }
        return null;
    }

    private String check(NodeId node, RaftNode raft) {
        Watch w = watches.computeIfAbsent(node, n -> new Watch());
        RaftLog log = raft.log();
        if (w.raft != raft) {
            // A new incarnation: everything it recovered is new to the invariant.
            w.raft = raft;
            w.checkedLastIndex = log.snapshotIndex();
            w.truncations = log.truncations();
            w.checkedCommit = 0;
            w.leaderTerm = 0;
        }
        String violation = checkNewEntries(node, log, w);
        if (violation == null) {
            violation = checkCommitted(node, raft, log, w);
        }
        if (violation == null && raft.role() == Role.LEADER && w.leaderTerm != raft.term()) {
            w.leaderTerm = raft.term();
            violation = checkNewLeader(node, raft, log);
        }
        return violation;
    }

    private String checkNewEntries(NodeId node, RaftLog log, Watch w) {
        long from = w.checkedLastIndex + 1;
        long truncationsSince = log.truncations() - w.truncations;
        if (truncationsSince == 1) {
            from = Math.min(from, log.lastTruncatedIndex());
        } else if (truncationsSince > 1) {
            from = 1;
        }
        w.truncations = log.truncations();
        from = Math.max(from, log.snapshotIndex() + 1);
        for (long i = from; i <= log.lastIndex(); i++) {
            LogEntry entry = log.entry(i);
            long prevTerm = log.hasTermAt(i - 1) ? log.termAt(i - 1) : -1;
            Map<Long, Seen> atIndex = entries.computeIfAbsent(i, k -> new HashMap<>());
            Seen seen = atIndex.get(entry.term());
            if (seen == null || (seen.prevTerm() < 0 && prevTerm >= 0)) {
                atIndex.put(entry.term(), new Seen(entry, prevTerm, node));
            } else if (!seen.entry().equals(entry)) {
                return "log matching: " + node + " holds " + entry + " where " + seen.node() + " held " + seen.entry()
                        + " (same index and term, different command)";
            } else if (prevTerm >= 0 && seen.prevTerm() >= 0 && prevTerm != seen.prevTerm()) {
                return "log matching: " + node + " and " + seen.node() + " agree on entry " + entry
                        + " but not on the entry before it (terms " + prevTerm + " and " + seen.prevTerm() + ")";
            }
        }
        w.checkedLastIndex = log.lastIndex();
        return null;
    }

    private String checkCommitted(NodeId node, RaftNode raft, RaftLog log, Watch w) {
        long commit = raft.commitIndex();
        if (commit < w.checkedCommit) {
            return "commit index of " + node + " went back from " + w.checkedCommit + " to " + commit;
        }
        if (commit > log.lastIndex() || raft.lastApplied() > commit) {
            return node + " has commit index " + commit + " and applied " + raft.lastApplied() + " with a log up to "
                    + log.lastIndex();
        }
        for (long i = Math.max(w.checkedCommit, log.snapshotIndex()) + 1; i <= commit; i++) {
            LogEntry entry = log.entry(i);
            Seen before = committed.putIfAbsent(i, new Seen(entry, -1, node));
            if (before != null && !before.entry().equals(entry)) {
                return "state-machine safety: " + node + " committed " + entry + " at index " + i + " where "
                        + before.node() + " committed " + before.entry();
            }
        }
        w.checkedCommit = commit;
        return null;
    }

    private String checkNewLeader(NodeId node, RaftNode raft, RaftLog log) {
        NodeId other = leaders.putIfAbsent(raft.term(), node);
        if (other != null && !other.equals(node)) {
            return "election safety: " + other + " and " + node + " both led term " + raft.term();
        }
        for (Map.Entry<Long, Seen> e : committed.entrySet()) {
            long index = e.getKey();
            if (index > log.lastIndex()) {
                return "leader completeness: " + node + " leads term " + raft.term() + " with a log up to "
                        + log.lastIndex() + ", without committed entry " + e.getValue().entry();
            }
            if (index > log.snapshotIndex() && !log.entry(index).equals(e.getValue().entry())) {
                return "leader completeness: " + node + " leads term " + raft.term() + " holding " + log.entry(index)
                        + " where " + e.getValue().entry() + " was committed";
            }
        }
        return null;
    }
}
