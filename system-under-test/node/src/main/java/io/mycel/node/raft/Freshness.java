package io.mycel.node.raft;

import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.raft.RaftMessages.ReadIndexReply;
import io.mycel.node.raft.RaftMessages.ReadIndexRequest;
import java.util.Map;
import java.util.TreeMap;

/**
 * How fresh a node's local state is, for reads served locally with a stated staleness (metadata
 * tables). Every {@code refreshInterval} the node asks the leader for a read index (a leader asks
 * itself), noting its own clock when it asked. The leader answers once a heartbeat round begun
 * after the question has been confirmed by a majority, so the index covers every write
 * acknowledged before the question was sent. When the node has applied that index, its state is
 * fresh as of the moment it asked: a local read made later is stale by at most the time since.
 *
 * <p>Time is the node's own monotonic clock, so the bound holds as long as that clock's rate is
 * right (drift of a few hundred ppm only stretches it slightly); a clock that jumps voids it.
 */
final class Freshness {

    /** Questions remembered at once; older ones are forgotten (their answers then ignored). */
    static final int MAX_OPEN = 8;

    private final RaftNode node;
    private final TreeMap<Long, Long> askedAtMicros = new TreeMap<>();
    /** Read indexes answered, each with when its question was asked, waiting to be applied. */
    private final TreeMap<Long, Long> answered = new TreeMap<>();
    private long nextRequestId;
    private long freshAsOfMicros = Long.MIN_VALUE;

    Freshness(RaftNode node) {
        this.node = node;
    }

    /** The local clock reading as of which this node's applied state is known complete, or Long.MIN_VALUE. */
    long freshAsOfMicros() {
        return freshAsOfMicros;
    }

    /** Asks for a read index: of the leader, or as the leader, of itself. */
    void refresh(NodeContext ctx) {
        NodeId leader = node.quorum.leader();
        if (leader == null) {
            return;
        }
        if (nextRequestId == 0) {
            // Ids start at a random point in each incarnation, so a late answer to a question asked
            // before a crash cannot be taken for the answer to a newer one with the same id.
            nextRequestId = 1 + (ctx.random().nextLong() >>> 2);
        }
        long id = ++nextRequestId;
        askedAtMicros.put(id, ctx.nowMicros());
        while (askedAtMicros.size() > MAX_OPEN) {
            askedAtMicros.pollFirstEntry();
        }
        if (leader.equals(node.self)) {
            node.readForFreshness(ctx, node.self, id);
        } else {
            ctx.send(leader, new ReadIndexRequest(node.quorum.term(), id));
        }
    }

    /** The leader's answer (or this leader's own, when it asked itself). */
    void answered(NodeContext ctx, long requestId, long readIndex) {
        Long askedAt = askedAtMicros.remove(requestId);
        if (askedAt == null) {
            return;
        }
        answered.merge(readIndex, askedAt, Math::max);
        applied(ctx);
    }

    void onReadIndexReply(NodeContext ctx, ReadIndexReply m) {
        if (m.term() == node.quorum.term()) {
            answered(ctx, m.requestId(), m.readIndex());
        }
    }

    /** After entries were applied: answers now covered make the state fresher. */
    void applied(NodeContext ctx) {
        while (!answered.isEmpty() && answered.firstKey() <= node.lastApplied) {
            Map.Entry<Long, Long> done = answered.pollFirstEntry();
            freshAsOfMicros = Math.max(freshAsOfMicros, done.getValue());
        }
        while (answered.size() > MAX_OPEN) {
            answered.pollLastEntry();
        }
    }

    /** A follower's question reaches this node; only a leader answers (through its read-index rounds). */
    void onReadIndexRequest(NodeContext ctx, NodeId from, ReadIndexRequest m) {
        if (m.term() == node.quorum.term() && node.quorum.role() == Role.LEADER) {
            node.readForFreshness(ctx, from, m.requestId());
        }
    }
}
