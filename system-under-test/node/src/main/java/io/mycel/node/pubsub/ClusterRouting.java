package io.mycel.node.pubsub;

import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.TimerId;
import io.mycel.node.pubsub.MqttPacket.Publish;
import io.mycel.node.pubsub.PeerMessage.Filters;
import io.mycel.node.pubsub.PeerMessage.Forward;
import io.mycel.node.pubsub.PeerMessage.ForwardAck;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The brokers of a cluster as one: each node tells the others which topic filters its clients
 * subscribed to (a map with one writer per node, merged by newest state: a CRDT), and a message
 * published at one node is forwarded to every node whose filters match its topic, which delivers
 * it to its own subscribers. A node pushes its filters when they change, and every
 * {@code syncInterval} tells each peer which state of them it holds (epoch and version, a digest);
 * a peer whose copy is older asks for them. That anti-entropy repairs what a partition or a lost
 * message kept from a peer, and costs a quiet mesh a few bytes per peer and sync, not every filter.
 *
 * <p>What a partition does, by QoS (the checker in the scenarios holds the mesh to it):
 * <ul>
 *   <li>QoS 1 and 2: a forward is resent every {@code resendInterval} until the peer acknowledges
 *       it, so after the partition heals every such message reaches the subscribers that the
 *       publishing node knew of when it was published, unless a broker on the way crashed (their
 *       state is in memory) or the per-peer queue of {@code maxForwardQueue} overflowed (counted).
 *   <li>The receiver remembers which forwards it took, per origin and incarnation, until the origin
 *       says they are settled; so a resent or duplicated forward is delivered once: QoS 2 stays
 *       exactly once across the mesh, and QoS 1 is too as long as no broker restarts.
 *   <li>QoS 0: sent once, never resent: a message on a cut link is lost.
 *   <li>A subscription made during a partition is unknown on the other side until it heals: what is
 *       published there meanwhile does not reach it.
 * </ul>
 */
final class ClusterRouting {

    static final String SYNC = "mqtt-sync";
    static final String RESEND = "mqtt-resend";
    private static final String EPOCH_KEY = "mqtt/epoch";

    /** A forward on its way to one peer, with the time it last went. */
    private static final class Pending {
        final Forward forward;
        long sentMicros;

        Pending(Forward forward, long sentMicros) {
            this.forward = forward;
            this.sentMicros = sentMicros;
        }
    }

    /** What a receiver keeps per origin: that origin's incarnation, what is settled, what arrived above it. */
    private static final class Seen {
        long epoch;
        long floor;
        final TreeSet<Long> above = new TreeSet<>();
    }

    private final long syncIntervalMicros;
    private final long resendIntervalMicros;
    private final int maxForwardQueue;
    private NodeId self;
    private long epoch;
    private long version;
    private long nextSeq = 1;
    private TreeMap<String, Integer> ownFilters = new TreeMap<>();
    private final TreeMap<NodeId, Filters> peers = new TreeMap<>();
    private final TreeMap<NodeId, TreeMap<Long, Pending>> outboxes = new TreeMap<>();
    /** Looked up by origin only. */
    private final Map<NodeId, Seen> seen = new HashMap<>();
    private TimerId resendTimer;
    private long overflowed;
    private final boolean resendForwards;
    private final boolean dedupForwards;

    /**
     * @param resendForwards false plants a bug: a QoS 1 or 2 forward goes once, lost with its link
     * @param dedupForwards false plants a bug: every copy of a forward is delivered, duplicates included
     */
    ClusterRouting(long syncIntervalMicros, long resendIntervalMicros, int maxForwardQueue, boolean resendForwards,
                   boolean dedupForwards) {
        this.syncIntervalMicros = syncIntervalMicros;
        this.resendIntervalMicros = resendIntervalMicros;
        this.maxForwardQueue = maxForwardQueue;
        this.resendForwards = resendForwards;
        this.dedupForwards = dedupForwards;
    }

    /** A new incarnation: a new epoch, kept durably, so peers take this node's state as the newest. */
    void start(NodeContext ctx) {
        self = ctx.self();
        byte[] stored = ctx.storage().get(EPOCH_KEY);
        epoch = (stored == null ? 0 : ByteBuffer.wrap(stored).getLong()) + 1;
        ctx.storage().put(EPOCH_KEY, ByteBuffer.allocate(8).putLong(epoch).array());
        ctx.storage().sync();
        if (ctx.members().size() > 1) {
            ctx.setTimer(SYNC, syncIntervalMicros);
        }
    }

    /** This node's clients' filters changed to {@code filters}: tell every peer now. */
    void localFiltersChanged(NodeContext ctx, TreeMap<String, Integer> filters) {
        if (filters.equals(ownFilters)) {
            return;
        }
        ownFilters = filters;
        version++;
        pushFilters(ctx);
    }

    void onTimer(NodeContext ctx, TimerId timer) {
        if (timer.name().equals(SYNC)) {
            PeerMessage.FiltersDigest digest = new PeerMessage.FiltersDigest(self, epoch, version);
            for (NodeId peer : ctx.members()) {
                if (!peer.equals(self)) {
                    ctx.send(peer, digest);
                }
            }
            ctx.setTimer(SYNC, syncIntervalMicros);
        } else if (timer.name().equals(RESEND)) {
            resendTimer = null;
            resend(ctx);
        }
    }

    /** Sends {@code p}, published here, to every peer with a matching filter (every peer, if retained). */
    void forward(NodeContext ctx, Publish p) {
        for (Map.Entry<NodeId, Filters> e : peers.entrySet()) {
            int qos = -1;
            for (Map.Entry<String, Integer> f : e.getValue().filters().entrySet()) {
                if (f.getValue() > qos && Topics.matches(f.getKey(), p.topic())) {
                    qos = f.getValue();
                }
            }
            if (p.retain()) {
                qos = p.qos();   // every node keeps the retained message for its later subscribers
            } else if (qos < 0) {
                continue;
            }
            send(ctx, e.getKey(), p.with(Math.min(qos, p.qos()), p.retain(), false, 0));
        }
    }

    /** A peer message: filters to merge, a forward to deliver here (returned) or an acknowledgement. */
    Publish onPeerMessage(NodeContext ctx, NodeId from, PeerMessage message) {
        if (message instanceof Filters f) {
            if (!f.owner().equals(self) && f.newerThan(peers.get(f.owner()))) {
                peers.put(f.owner(), f);
            }
            return null;
        }
        if (message instanceof PeerMessage.FiltersDigest d) {
            if (!d.owner().equals(self) && d.newerThan(peers.get(d.owner()))) {
                ctx.send(from, new PeerMessage.FiltersWanted());
            }
            return null;
        }
        if (message instanceof PeerMessage.FiltersWanted) {
            ctx.send(from, new Filters(self, epoch, version, ownFilters));
            return null;
        }
        if (message instanceof ForwardAck a) {
            TreeMap<Long, Pending> outbox = outboxes.get(from);
            if (a.epoch() == epoch && outbox != null) {
                outbox.remove(a.seq());
            }
            return null;
        }
        Forward f = (Forward) message;
        if (f.publish().qos() > 0) {
            ctx.send(from, new ForwardAck(f.epoch(), f.seq()));   // again for a duplicate: the first answer may be lost
        }
        return firstTime(f) || !dedupForwards ? f.publish() : null;
    }

    /** Forwards dropped because a peer's queue was full, since start. */
    long overflowed() {
        return overflowed;
    }

    /** Forwards waiting for a peer's acknowledgement. */
    int pending() {
        int n = 0;
        for (TreeMap<Long, Pending> outbox : outboxes.values()) {
            n += outbox.size();
        }
        return n;
    }

    SortedMap<NodeId, Filters> peerFilters() {
        return peers;
    }

    private boolean firstTime(Forward f) {
        Seen s = seen.computeIfAbsent(f.origin(), k -> new Seen());
        if (f.epoch() < s.epoch) {
            return false;   // from an incarnation of the origin that is gone: its subscribers here were told already
        }
        if (f.epoch() > s.epoch) {
            s.epoch = f.epoch();
            s.floor = 0;
            s.above.clear();
        }
        if (f.lowWater() > s.floor) {
            s.floor = f.lowWater();
            s.above.headSet(s.floor).clear();
        }
        return f.seq() >= s.floor && s.above.add(f.seq());
    }

    private void send(NodeContext ctx, NodeId peer, Publish p) {
        TreeMap<Long, Pending> outbox = outboxes.computeIfAbsent(peer, k -> new TreeMap<>());
        if (p.qos() > 0 && outbox.size() >= maxForwardQueue) {
            overflowed++;
            ctx.emit("mqtt-forward-overflow", peer + " " + p.topic());
            return;
        }
        long seq = nextSeq++;
        // Settled: everything below the oldest forward still owed to this peer (or below this one).
        long lowWater = outbox.isEmpty() ? seq : Math.min(seq, outbox.firstKey());
        Forward f = new Forward(self, epoch, seq, lowWater, p);
        if (p.qos() > 0 && resendForwards) {
            outbox.put(seq, new Pending(f, ctx.nowMicros()));
            if (resendTimer == null) {
                resendTimer = ctx.setTimer(RESEND, resendIntervalMicros);
            }
        }
        ctx.send(peer, f);
    }

    private void resend(NodeContext ctx) {
        long now = ctx.nowMicros();
        boolean any = false;
        for (Map.Entry<NodeId, TreeMap<Long, Pending>> e : outboxes.entrySet()) {
            TreeMap<Long, Pending> outbox = e.getValue();
            long lowWater = outbox.isEmpty() ? nextSeq : outbox.firstKey();
            for (Pending p : outbox.values()) {
                any = true;
                if (now - p.sentMicros >= resendIntervalMicros) {
                    Forward f = p.forward;
                    ctx.send(e.getKey(), new Forward(f.origin(), f.epoch(), f.seq(), lowWater, f.publish()));
                    p.sentMicros = now;
                }
            }
        }
        if (any) {
            resendTimer = ctx.setTimer(RESEND, resendIntervalMicros);
        }
    }

    private void pushFilters(NodeContext ctx) {
        Filters mine = new Filters(self, epoch, version, ownFilters);
        for (NodeId peer : ctx.members()) {
            if (!peer.equals(self)) {
                ctx.send(peer, mine);
            }
        }
    }
}
