package io.mycel.node.raft;

import io.mycel.node.api.NodeId;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A leader's view of its followers (where each one's log stands, what is in flight to it) and its
 * read-index bookkeeping, kept for one term.
 *
 * <p>Heartbeat rounds: every AppendEntries carries the round it belongs to and every reply echoes
 * it. Once a majority (the leader included) has answered round r, the leader knows it was still the
 * leader when round r began, so reads registered before round r began may be served at the commit
 * index they saw (Raft thesis §6.4).
 */
final class LeaderState implements RoleState {

    /** Where one follower's log stands, as far as the leader knows. */
    static final class Progress {
        /** The highest index known to match the leader's log. */
        long matchIndex;
        /** The next index to send. Advanced as batches go out (pipelining); reset on a rejection. */
        long nextIndex;
        /** AppendEntries with entries sent and not answered. */
        int inflight;
        /** After a rejection: one message at a time until the follower's log is found. */
        boolean probing = true;
        boolean snapshotInflight;
        long lastSentMicros;
        long lastHeardMicros;
        long ackedRound;

        Progress(long nextIndex, long nowMicros) {
            this.nextIndex = nextIndex;
            // A new leader counts every follower as just heard: it won their votes moments ago.
            this.lastHeardMicros = nowMicros;
        }
    }

    /**
     * A read waiting for its heartbeat round to be confirmed and its index to be applied.
     * {@code requester} is null for the service's own reads, else the node that asked for a read
     * index (this leader itself included) to learn how fresh its local state is.
     */
    record PendingRead(long token, long round, long readIndex, NodeId requester) {
    }

    private final Map<NodeId, Progress> progress = new TreeMap<>();
    private final ArrayDeque<PendingRead> reads = new ArrayDeque<>();
    private final long noopIndex;
    private final long sinceMicros;
    private long round;
    private boolean roundWanted;
    private NodeId transferTarget;
    private long transferDeadlineMicros;

    LeaderState(List<NodeId> peers, long noopIndex, long nowMicros) {
        this.noopIndex = noopIndex;
        this.sinceMicros = nowMicros;
        for (NodeId peer : peers) {
            progress.put(peer, new Progress(noopIndex, nowMicros));
        }
    }

    @Override
    public Role role() {
        return Role.LEADER;
    }

    Progress progress(NodeId peer) {
        return progress.get(peer);
    }

    Map<NodeId, Progress> followers() {
        return progress;
    }

    /** The index of the no-op this leader appended; reads wait until it is committed. */
    long noopIndex() {
        return noopIndex;
    }

    long round() {
        return round;
    }

    /** When this node became leader. */
    long sinceMicros() {
        return sinceMicros;
    }

    /** The follower leadership is being handed to, or null; while set, no new entries are proposed. */
    NodeId transferTarget() {
        return transferTarget;
    }

    long transferDeadlineMicros() {
        return transferDeadlineMicros;
    }

    void startTransfer(NodeId target, long deadlineMicros) {
        transferTarget = target;
        transferDeadlineMicros = deadlineMicros;
    }

    void endTransfer() {
        transferTarget = null;
    }

    /** Starts a new heartbeat round; the caller sends it to every follower. */
    long nextRound() {
        roundWanted = false;
        return ++round;
    }

    /**
     * The highest index a majority of voters holds, the leader's own log ({@code leaderLastIndex})
     * counted when the leader is a voter itself (a leader that removed itself is not).
     */
    long quorumMatchIndex(Configuration voters, NodeId self, long leaderLastIndex) {
        return quorumValue(voters, self, leaderLastIndex, p -> p.matchIndex);
    }

    /** The highest round a majority of voters has answered; the leader is always in its latest round. */
    long confirmedRound(Configuration voters, NodeId self) {
        return quorumValue(voters, self, round, p -> p.ackedRound);
    }

    /** How many voters, the leader included when it is one, were heard from since {@code sinceMicros}. */
    int heardSince(Configuration voters, NodeId self, long sinceMicros) {
        int heard = voters.isVoter(self) ? 1 : 0;
        for (Map.Entry<NodeId, Progress> e : progress.entrySet()) {
            if (voters.isVoter(e.getKey()) && e.getValue().lastHeardMicros >= sinceMicros) {
                heard++;
            }
        }
        return heard;
    }

    /**
     * Queues a read; it needs a round that begins after now. A client's read wants one soon: the
     * return says whether to start it at once (none is waiting for answers). A freshness question
     * is in no hurry and rides the next heartbeat round, so it costs no messages of its own.
     */
    boolean addRead(long token, long readIndex, Configuration voters, NodeId self, NodeId requester) {
        reads.addLast(new PendingRead(token, round + 1, readIndex, requester));
        if (requester != null) {
            return false;
        }
        roundWanted = true;
        return confirmedRound(voters, self) >= round;
    }

    int pendingReads() {
        return reads.size();
    }

    /** Whether reads wait for a round that has not started and none is in flight. */
    boolean roundDue(Configuration voters, NodeId self) {
        return roundWanted && confirmedRound(voters, self) >= round;
    }

    /** Removes and returns the reads now safe to serve: their round confirmed, their index applied. */
    List<PendingRead> readyReads(Configuration voters, NodeId self, long lastApplied) {
        long confirmed = confirmedRound(voters, self);
        List<PendingRead> ready = new java.util.ArrayList<>();
        while (!reads.isEmpty() && reads.peekFirst().round() <= confirmed && reads.peekFirst().readIndex() <= lastApplied) {
            ready.add(reads.pollFirst());
        }
        return ready;
    }

    /** The quorum-th highest value among the voters: the leader's {@code own}, each follower's {@code of}. */
    private long quorumValue(Configuration voters, NodeId self, long own, java.util.function.ToLongFunction<Progress> of) {
        long[] values = new long[voters.voters().size()];
        int i = 0;
        if (voters.isVoter(self)) {
            values[i++] = own;
        }
        for (Map.Entry<NodeId, Progress> e : progress.entrySet()) {
            if (voters.isVoter(e.getKey()) && i < values.length) {
                values[i++] = of.applyAsLong(e.getValue());
            }
        }
        // Voters this leader has no progress for (not nodes of this cluster) count as holding nothing.
        return kthHighest(values, voters.quorum());
    }

    private static long kthHighest(long[] values, int k) {
        Arrays.sort(values);
        return values[values.length - k];
    }
}
