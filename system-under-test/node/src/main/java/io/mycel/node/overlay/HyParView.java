package io.mycel.node.overlay;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.TimerId;
import io.mycel.node.overlay.OverlayMessages.Connect;
import io.mycel.node.overlay.OverlayMessages.Disconnect;
import io.mycel.node.overlay.OverlayMessages.ForwardJoin;
import io.mycel.node.overlay.OverlayMessages.Heartbeat;
import io.mycel.node.overlay.OverlayMessages.Join;
import io.mycel.node.overlay.OverlayMessages.Neighbor;
import io.mycel.node.overlay.OverlayMessages.NeighborReply;
import io.mycel.node.overlay.OverlayMessages.Shuffle;
import io.mycel.node.overlay.OverlayMessages.ShuffleReply;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * HyParView partial views (Leitao, Pereira and Rodrigues, 2007): a small symmetric active view of
 * neighbours that carry traffic, and a larger passive view of backups refreshed by shuffles.
 *
 * <p>A node joins through a random configured member ({@link Join}); the contact spreads it by
 * random walks ({@link ForwardJoin}). When an active neighbour fails, a passive node is asked to
 * step in ({@link Neighbor}, with high priority when the active view is empty). Periodic
 * {@link Shuffle} walks exchange samples to keep passive views fresh.
 *
 * <p>Departures from the paper: it relies on TCP to notice failed neighbours and to make links
 * symmetric; here links are messages, so active neighbours exchange {@link Heartbeat}s and a
 * neighbour silent for the failure timeout is moved to the passive view (it may be partitioned,
 * not dead), and a node that takes another into its active view tells it with {@link Connect}. A
 * node left with empty views joins again, and a node with a full active view now and then swaps a
 * neighbour for a passive node, so that an overlay split by a partition joins up after healing.
 *
 * <p>Emits {@code neighbour-up} and {@code neighbour-down} (detail: the peer) as the active view changes.
 */
final class HyParView {

    static final String SHUFFLE_TIMER = "hpv.shuffle";
    static final String HEARTBEAT_TIMER = "hpv.heartbeat";
    /** Chance per shuffle that a node with a full active view swaps a neighbour (see {@link #refresh}). */
    static final double REFRESH_PROBABILITY = 0.25;
    /** Links a member coming back from the dead gets on average from others' {@link #rejoined} steps. */
    static final int REJOIN_LINKS = 2;

    /** Told when a link enters or leaves the active view (Plumtree builds its trees on these). */
    interface Links {
        void neighbourUp(NodeContext ctx, NodeId peer);

        void neighbourDown(NodeContext ctx, NodeId peer);
    }

    private final HyParViewConfig config;
    private final Links links;
    /** The active view: each neighbour with when it was last heard from. */
    private final TreeMap<NodeId, Long> active = new TreeMap<>();
    private final TreeSet<NodeId> passive = new TreeSet<>();
    /** A passive node asked to become active, and when; at most one at a time. */
    private NodeId asked;
    private long askedAtMicros;
    private static final long NEVER = Long.MIN_VALUE;
    /** When a member back from the dead was last taken into the active view ({@link #rejoined}). */
    private long lastRejoinMicros = NEVER;
    private NodeId self;

    HyParView(HyParViewConfig config, Links links) {
        this.config = config;
        this.links = links;
    }

    void onStart(NodeContext ctx) {
        self = ctx.self();
        seedPassiveView(ctx);
        join(ctx);
        ctx.setTimer(SHUFFLE_TIMER, 1 + ctx.random().nextLong(0, config.shuffleIntervalMicros()));
        ctx.setTimer(HEARTBEAT_TIMER, 1 + ctx.random().nextLong(0, config.heartbeatIntervalMicros()));
    }

    List<NodeId> active() {
        return List.copyOf(active.keySet());
    }

    boolean isActive(NodeId peer) {
        return active.containsKey(peer);
    }

    List<NodeId> passive() {
        return List.copyOf(passive);
    }

    boolean onTimer(NodeContext ctx, TimerId timer) {
        switch (timer.name()) {
            case SHUFFLE_TIMER -> {
                shuffle(ctx);
                ctx.setTimer(SHUFFLE_TIMER, config.shuffleIntervalMicros());
            }
            case HEARTBEAT_TIMER -> {
                dropSilentNeighbours(ctx);
                for (NodeId peer : active.keySet()) {
                    ctx.send(peer, new Heartbeat());
                }
                repair(ctx);
                ctx.setTimer(HEARTBEAT_TIMER, config.heartbeatIntervalMicros());
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Handles a view message; every message from an active neighbour also counts as a sign of life. */
    void onMessage(NodeContext ctx, NodeId from, Message message) {
        if (active.containsKey(from)) {
            active.put(from, ctx.nowMicros());
        } else if (message instanceof Heartbeat) {
            // The sender holds a link this node does not (a lost Disconnect or Join): tell it, so
            // it stops counting on the link and looks for another neighbour.
            ctx.send(from, new Disconnect());
            return;
        }
        if (message instanceof Join) {
            addActive(ctx, from, true);
            for (NodeId peer : active.keySet()) {
                if (!peer.equals(from)) {
                    ctx.send(peer, new ForwardJoin(from, config.activeWalk()));
                }
            }
        } else if (message instanceof ForwardJoin fj) {
            forwardJoin(ctx, from, fj);
        } else if (message instanceof Connect) {
            addActive(ctx, from, false);
        } else if (message instanceof Disconnect) {
            if (active.containsKey(from)) {
                demote(ctx, from, false);
            }
        } else if (message instanceof Neighbor n) {
            boolean accept = n.highPriority() || active.size() < config.activeSize();
            if (accept) {
                addActive(ctx, from, false);
            }
            ctx.send(from, new NeighborReply(accept));
        } else if (message instanceof NeighborReply reply) {
            if (from.equals(asked)) {
                asked = null;
            }
            if (reply.accepted()) {
                addActive(ctx, from, false);
            } else {
                addPassive(ctx, from);
            }
        } else if (message instanceof Shuffle s) {
            onShuffle(ctx, from, s);
        } else if (message instanceof ShuffleReply reply) {
            integrate(ctx, reply.sample());
        }
    }

    /** A failure reported from outside (membership): the same as a silent neighbour. */
    void failed(NodeContext ctx, NodeId peer) {
        passive.remove(peer);
        if (active.remove(peer) != null) {
            linkDown(ctx, peer);
        }
        repair(ctx);
    }

    /**
     * Membership says a member it held dead is alive again: a restart, or the other side of a
     * healed partition. Views filled up inside each side never look across on their own, so the
     * overlay would stay split in islands that no broadcast crosses. So a node takes the member
     * straight into its active view (a random neighbour makes room), as a join would, with chance
     * {@value #REJOIN_LINKS} / n for n configured members, and at most once per heartbeat interval.
     * A restarted member then gets about {@value #REJOIN_LINKS} such links besides its own join,
     * rather than one from every node (which would churn every view in the mesh at once), and two
     * healed sides of a and b nodes get about 4ab / n links across; a lone node cut off is not
     * helped by this but repairs itself, since its empty view makes its own requests high-priority.
     * Members not taken go to the passive view, where repairs and shuffles find them.
     */
    void rejoined(NodeContext ctx, NodeId peer) {
        if (peer.equals(self) || active.containsKey(peer)) {
            return;
        }
        boolean rateLimited = lastRejoinMicros != NEVER
                && ctx.nowMicros() - lastRejoinMicros < config.heartbeatIntervalMicros();
        if (rateLimited || !ctx.random().chance(Math.min(1.0, REJOIN_LINKS / (double) ctx.members().size()))) {
            addPassive(ctx, peer);
            return;
        }
        lastRejoinMicros = ctx.nowMicros();
        addActive(ctx, peer, true);
    }

    /**
     * Fills the passive view with random configured members. Nodes that start together and pick
     * each other as contacts can form separate islands; the paper's joins assume one overlay to
     * join. Backups drawn from the whole seed list let the repair and refresh steps link islands.
     */
    private void seedPassiveView(NodeContext ctx) {
        List<NodeId> members = ctx.members();
        int wanted = Math.min(config.passiveSize(), members.size() - 1);
        for (int tries = 0; passive.size() < wanted && tries < 4 * wanted; tries++) {
            addPassive(ctx, members.get(ctx.random().nextInt(members.size())));
        }
    }

    private void join(NodeContext ctx) {
        List<NodeId> others = new ArrayList<>(ctx.members());
        others.remove(self);
        if (others.isEmpty()) {
            return;
        }
        NodeId contact = others.get(ctx.random().nextInt(others.size()));
        ctx.send(contact, new Join());
        addActive(ctx, contact, false);
    }

    private void forwardJoin(NodeContext ctx, NodeId from, ForwardJoin fj) {
        if (fj.joiner().equals(self)) {
            return;
        }
        if (fj.ttl() == 0 || active.size() <= 1) {
            addActive(ctx, fj.joiner(), true);
            return;
        }
        if (fj.ttl() == config.passiveWalk()) {
            addPassive(ctx, fj.joiner());
        }
        NodeId next = randomExcept(ctx, active.keySet(), from, fj.joiner());
        if (next == null) {
            addActive(ctx, fj.joiner(), true);
        } else {
            ctx.send(next, new ForwardJoin(fj.joiner(), fj.ttl() - 1));
        }
    }

    /**
     * Puts {@code peer} in the active view, dropping a random neighbour (to the passive view) if it
     * is full. With {@code tell}, the peer is sent {@link Connect} so that the link is symmetric.
     */
    private void addActive(NodeContext ctx, NodeId peer, boolean tell) {
        if (peer.equals(self) || active.containsKey(peer)) {
            return;
        }
        if (active.size() >= config.activeSize()) {
            demote(ctx, randomExcept(ctx, active.keySet(), null, null), true);
        }
        passive.remove(peer);
        active.put(peer, ctx.nowMicros());
        if (tell) {
            ctx.send(peer, new Connect());
        }
        ctx.emit("neighbour-up", peer.name());
        links.neighbourUp(ctx, peer);
    }

    /** Moves an active neighbour to the passive view, telling it with {@link Disconnect} if {@code tell}. */
    private void demote(NodeContext ctx, NodeId peer, boolean tell) {
        active.remove(peer);
        if (tell) {
            ctx.send(peer, new Disconnect());
        }
        linkDown(ctx, peer);
        addPassive(ctx, peer);
    }

    private void linkDown(NodeContext ctx, NodeId peer) {
        ctx.emit("neighbour-down", peer.name());
        links.neighbourDown(ctx, peer);
    }

    private void addPassive(NodeContext ctx, NodeId peer) {
        if (peer.equals(self) || active.containsKey(peer) || passive.contains(peer)) {
            return;
        }
        if (passive.size() >= config.passiveSize()) {
            passive.remove(randomExcept(ctx, passive, null, null));
        }
        passive.add(peer);
    }

    private void dropSilentNeighbours(NodeContext ctx) {
        List<NodeId> silent = new ArrayList<>();
        active.forEach((peer, at) -> {
            if (ctx.nowMicros() - at > config.failureTimeoutMicros()) {
                silent.add(peer);
            }
        });
        for (NodeId peer : silent) {
            // Silent may mean partitioned rather than dead: keep it as a backup to try later.
            demote(ctx, peer, false);
        }
        // A Neighbor request and its reply take one round trip, far less than a heartbeat interval.
        // Waiting the failure timeout instead would leave a node cut off by a healed partition with
        // no neighbours for seconds per dead candidate it tries.
        if (asked != null && ctx.nowMicros() - askedAtMicros >= config.heartbeatIntervalMicros()) {
            addPassive(ctx, asked);   // no answer: gone, or cut off for now; shuffles will age it out
            asked = null;
        }
    }

    /** Refills the active view from the passive one, one candidate at a time; joins again when both are empty. */
    private void repair(NodeContext ctx) {
        if (active.size() >= config.activeSize() || asked != null) {
            return;
        }
        if (passive.isEmpty()) {
            if (active.isEmpty()) {
                join(ctx);
            }
            return;
        }
        asked = randomExcept(ctx, passive, null, null);
        passive.remove(asked);
        askedAtMicros = ctx.nowMicros();
        ctx.send(asked, new Neighbor(active.isEmpty()));
    }

    private void shuffle(NodeContext ctx) {
        if (active.isEmpty()) {
            return;
        }
        refresh(ctx);
        if (active.isEmpty()) {
            return;   // the refresh swapped out the only neighbour (an active view of one)
        }
        List<NodeId> sample = new ArrayList<>();
        sample.add(self);
        sample.addAll(sampleOf(ctx, active.keySet(), config.shuffleActive()));
        sample.addAll(sampleOf(ctx, passive, config.shufflePassive()));
        NodeId to = randomExcept(ctx, active.keySet(), null, null);
        ctx.send(to, new Shuffle(self, config.activeWalk(), sample));
    }

    /**
     * Now and then a node with a full active view swaps a random neighbour for a random passive
     * node. The paper's views never change while they are full, so two sides of a healed partition
     * whose active views filled up inside each side would stay apart for ever; the swap joins them
     * again within a few shuffle periods, at the cost of one Disconnect and one Neighbor.
     */
    private void refresh(NodeContext ctx) {
        if (active.size() < config.activeSize() || passive.isEmpty() || asked != null
                || !ctx.random().chance(REFRESH_PROBABILITY)) {
            return;
        }
        demote(ctx, randomExcept(ctx, active.keySet(), null, null), true);
        repair(ctx);
    }

    private void onShuffle(NodeContext ctx, NodeId from, Shuffle s) {
        if (s.origin().equals(self)) {
            return;
        }
        if (s.ttl() > 1 && active.size() > 1) {
            NodeId next = randomExcept(ctx, active.keySet(), from, s.origin());
            if (next != null) {
                ctx.send(next, new Shuffle(s.origin(), s.ttl() - 1, s.sample()));
                return;
            }
        }
        ctx.send(s.origin(), new ShuffleReply(sampleOf(ctx, passive, s.sample().size())));
        integrate(ctx, s.sample());
    }

    private void integrate(NodeContext ctx, List<NodeId> sample) {
        for (NodeId n : sample) {
            addPassive(ctx, n);
        }
    }

    private static List<NodeId> sampleOf(NodeContext ctx, Collection<NodeId> view, int count) {
        List<NodeId> pool = new ArrayList<>(view);
        List<NodeId> out = new ArrayList<>(Math.min(count, pool.size()));
        while (out.size() < count && !pool.isEmpty()) {
            int i = ctx.random().nextInt(pool.size());
            out.add(pool.get(i));
            pool.set(i, pool.get(pool.size() - 1));
            pool.remove(pool.size() - 1);
        }
        return out;
    }

    /** A random member of {@code view} other than the two given, or null when there is none. */
    private static NodeId randomExcept(NodeContext ctx, Collection<NodeId> view, NodeId a, NodeId b) {
        List<NodeId> pool = new ArrayList<>(view.size());
        for (NodeId n : view) {
            if (!n.equals(a) && !n.equals(b)) {
                pool.add(n);
            }
        }
        return pool.isEmpty() ? null : pool.get(ctx.random().nextInt(pool.size()));
    }
}
