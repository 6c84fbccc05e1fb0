package io.mycel.node.overlay;

import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.TimerId;
import io.mycel.node.overlay.OverlayMessages.Announcement;
import io.mycel.node.overlay.OverlayMessages.Gossip;
import io.mycel.node.overlay.OverlayMessages.Graft;
import io.mycel.node.overlay.OverlayMessages.IHave;
import io.mycel.node.overlay.OverlayMessages.Prune;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Epidemic broadcast trees (Leitao, Pereira and Rodrigues, 2007) over HyParView's active view.
 *
 * <p>A broadcast is pushed eagerly ({@link Gossip}) to eager peers and announced lazily
 * ({@link IHave}, batched every lazy interval) to every peer (the paper announces to lazy peers
 * only; see {@link #push}). A duplicate gossip turns its link lazy
 * ({@link Prune}), so the eager links settle into a spanning tree. A node that hears of a message
 * only by announcement waits, then asks the announcer for it ({@link Graft}), which also puts that
 * link back in the tree: this is how the tree heals after failures and losses.
 *
 * <p>Bounds: ids are remembered for two id generations ({@link RecentIds}), payloads for grafting
 * are cached for {@link #CACHE_MICROS} (long enough to answer every graft an announcement can
 * cause) and at most the last {@link #CACHED_MESSAGES} broadcasts, and a missing message is grafted
 * at most {@link #MAX_GRAFTS} times (its announcers in turn); what is still missing after that is
 * left to the store's anti-entropy.
 */
final class Plumtree implements HyParView.Links {

    static final String LAZY_TIMER = "pt.lazy";
    static final String MISSING_TIMER = "pt.missing";
    /**
     * Messages kept for grafting at most. A burst of broadcasts faster than this many per
     * {@link #CACHE_MICROS} makes grafts for the oldest fail; anti-entropy then repairs the data.
     */
    static final int CACHED_MESSAGES = 8192;
    /**
     * How long a message is kept for grafting: its announcements go out within two lazy intervals,
     * and grafts for it come within the graft timeout and {@link #MAX_GRAFTS} half-timeouts after.
     * Kept by time rather than by count alone, so a burst does not push out messages still being
     * grafted (a count of 512 did: at a thousand broadcasts a second most grafts found nothing).
     */
    static final long CACHE_MICROS = 3_000_000;
    static final long ID_MEMORY_MICROS = 30_000_000;
    static final int MAX_GRAFTS = 6;
    /** What a new neighbour is told of: messages received this recently ({@link #announceRecent}). */
    static final long RECENT_ON_LINK_MICROS = 5_000_000;

    /** A node that announced a missing message, and the round it announced. */
    private record Announcer(NodeId node, int round) {
    }

    /** Who announced a missing message, how many grafts were sent for it, and the timer of the next. */
    private static final class Missing {
        final List<Announcer> announcers = new ArrayList<>();
        int grafts;
        TimerId timer;
    }

    private final Overlay.Delivery delivery;
    /** Only active neighbours may join the tree: a late message from a dropped link must not pull it back. */
    private final Predicate<NodeId> isNeighbour;
    private final long lazyIntervalMicros;
    private final long graftTimeoutMicros;
    private final TreeSet<NodeId> eager = new TreeSet<>();
    private final TreeSet<NodeId> lazy = new TreeSet<>();
    private final RecentIds received = new RecentIds(ID_MEMORY_MICROS);
    /** A message kept for grafting, and the peer it first came from (null for this node's own). */
    private record Cached(Gossip gossip, NodeId from, long atMicros) {
    }

    private final LinkedHashMap<Long, Cached> cache = new LinkedHashMap<>();
    // The maps of missing messages are only looked up, never iterated, so hash order cannot reach
    // behaviour; they churn with every announcement, where a tree map's comparisons showed.
    private final HashMap<Long, Missing> missing = new HashMap<>();
    /** Graft timers by timer id, so a firing timer finds its message. */
    private final HashMap<Long, Long> missingTimers = new HashMap<>();
    private final TreeMap<NodeId, List<Announcement>> lazyQueue = new TreeMap<>();
    /** Announcements sent in the last flush, sent once more in the next ({@link #flushAnnouncements}). */
    private final TreeMap<NodeId, List<Announcement>> repeatQueue = new TreeMap<>();
    private boolean lazyTimerSet;

    Plumtree(Overlay.Delivery delivery, Predicate<NodeId> isNeighbour, long lazyIntervalMicros, long graftTimeoutMicros) {
        this.delivery = delivery;
        this.isNeighbour = isNeighbour;
        this.lazyIntervalMicros = lazyIntervalMicros;
        this.graftTimeoutMicros = graftTimeoutMicros;
    }

    void broadcast(NodeContext ctx, byte[] payload) {
        long id = ctx.random().nextLong();
        received.add(ctx.nowMicros(), id);
        ctx.emit("bcast-send", BroadcastId.text(id));
        Gossip gossip = new Gossip(ctx.self(), id, 0, payload);
        remember(ctx, gossip, null);
        push(ctx, gossip, null);
    }

    void onGossip(NodeContext ctx, NodeId from, Gossip g) {
        if (!received.add(ctx.nowMicros(), g.id())) {
            // A second copy from the peer that gave the first is the network duplicating a message,
            // not a second path: pruning that link would cut this node off the tree.
            Cached first = cache.get(g.id());
            if (first == null || !from.equals(first.from())) {
                onPrune(from);
                ctx.send(from, new Prune());
            }
            return;
        }
        forget(ctx, g.id());
        ctx.emit("bcast-deliver", BroadcastId.text(g.id()));
        Gossip next = new Gossip(g.origin(), g.id(), g.round() + 1, g.payload());
        remember(ctx, next, from);
        makeEager(from);
        push(ctx, next, from);
        delivery.deliver(ctx, g.origin(), g.payload());
    }

    void onIHave(NodeContext ctx, NodeId from, IHave ihave) {
        if (!isNeighbour.test(from)) {
            return;   // a link just dropped, or a stranger: the tree's own neighbours announce too
        }
        for (Announcement a : ihave.announcements()) {
            if (received.contains(ctx.nowMicros(), a.id())) {
                continue;
            }
            if (missing.size() >= OverlayLimits.MAX_MISSING && !missing.containsKey(a.id())) {
                continue;   // bounded: what is not grafted, the store's anti-entropy repairs
            }
            Missing m = missing.computeIfAbsent(a.id(), id -> new Missing());
            if (m.announcers.size() >= MAX_GRAFTS) {
                continue;   // more announcers than grafts would ever ask
            }
            m.announcers.add(new Announcer(from, a.round()));
            if (m.timer == null) {
                waitFor(ctx, a.id(), m, graftTimeoutMicros);
            }
        }
    }

    void onPrune(NodeId from) {
        if (eager.remove(from)) {
            lazy.add(from);
        }
    }

    void onGraft(NodeContext ctx, NodeId from, Graft graft) {
        makeEager(from);
        Cached c = cache.get(graft.id());
        if (c != null) {
            ctx.send(from, c.gossip());
        }
    }

    boolean onTimer(NodeContext ctx, TimerId timer) {
        switch (timer.name()) {
            case LAZY_TIMER -> {
                lazyTimerSet = false;
                flushAnnouncements(ctx);
            }
            case MISSING_TIMER -> graftNext(ctx, timer);
            default -> {
                return false;
            }
        }
        return true;
    }

    @Override
    public void neighbourUp(NodeContext ctx, NodeId peer) {
        lazy.remove(peer);
        eager.add(peer);
        announceRecent(ctx, peer);
    }

    /**
     * A new neighbour hears of the messages this node got in the last {@link #RECENT_ON_LINK_MICROS},
     * newest first, at most {@link OverlayLimits#MAX_IHAVE_ENTRIES}. A node whose links changed
     * while a broadcast passed (a restart, a view repair, a healed partition) would otherwise miss it
     * for good when its old neighbours had already announced it elsewhere.
     */
    private void announceRecent(NodeContext ctx, NodeId peer) {
        List<Announcement> recent = new ArrayList<>();
        List<Cached> oldestFirst = new ArrayList<>(cache.values());
        for (int i = oldestFirst.size() - 1; i >= 0; i--) {
            Cached c = oldestFirst.get(i);
            if (recent.size() == OverlayLimits.MAX_IHAVE_ENTRIES || ctx.nowMicros() - c.atMicros() > RECENT_ON_LINK_MICROS) {
                break;
            }
            if (!peer.equals(c.gossip().origin()) && !peer.equals(c.from())) {
                recent.add(new Announcement(c.gossip().id(), c.gossip().round()));
            }
        }
        List<Announcement> queue = lazyQueue.computeIfAbsent(peer, p -> new ArrayList<>());
        for (Announcement a : recent) {
            if (queue.size() < OverlayLimits.MAX_QUEUED_ANNOUNCEMENTS) {
                queue.add(a);
            }
        }
        armLazyTimer(ctx);
    }

    @Override
    public void neighbourDown(NodeContext ctx, NodeId peer) {
        eager.remove(peer);
        lazy.remove(peer);
        lazyQueue.remove(peer);
        repeatQueue.remove(peer);
    }

    private void makeEager(NodeId peer) {
        if (isNeighbour.test(peer)) {
            lazy.remove(peer);
            eager.add(peer);
        }
    }

    /**
     * Sends a message on: in full to eager peers, announced to every peer. The paper announces to
     * lazy peers only, trusting TCP to deliver the eager copy; here a link may lose any message, and
     * a node whose only tree link lost the copy would never hear of it. The announcement to eager
     * peers costs one entry in a batched {@link IHave} and lets such a node graft the message.
     */
    private void push(NodeContext ctx, Gossip g, NodeId except) {
        for (NodeId peer : eager) {
            if (!peer.equals(except) && !peer.equals(g.origin())) {
                ctx.send(peer, g);
                announce(peer, g);
            }
        }
        for (NodeId peer : lazy) {
            if (!peer.equals(except) && !peer.equals(g.origin())) {
                announce(peer, g);
            }
        }
        armLazyTimer(ctx);
    }

    private void armLazyTimer(NodeContext ctx) {
        if ((!lazyQueue.isEmpty() || !repeatQueue.isEmpty()) && !lazyTimerSet) {
            ctx.setTimer(LAZY_TIMER, lazyIntervalMicros);
            lazyTimerSet = true;
        }
    }

    private void announce(NodeId peer, Gossip g) {
        List<Announcement> queue = lazyQueue.computeIfAbsent(peer, p -> new ArrayList<>());
        if (queue.size() < OverlayLimits.MAX_QUEUED_ANNOUNCEMENTS) {
            queue.add(new Announcement(g.id(), g.round()));
        }
    }

    /**
     * Sends each peer its announcements: the new ones, and again those sent in the last flush. An
     * announcement is the only trace a lazy peer gets of a message, and a lost one may leave it
     * without the message for good; riding in two batches makes that a loss squared, for bytes in
     * batches that go out anyway, not extra messages.
     */
    private void flushAnnouncements(NodeContext ctx) {
        TreeMap<NodeId, List<Announcement>> batches = new TreeMap<>(repeatQueue);
        for (Map.Entry<NodeId, List<Announcement>> e : lazyQueue.entrySet()) {
            batches.merge(e.getKey(), e.getValue(), (repeated, fresh) -> {
                List<Announcement> both = new ArrayList<>(repeated);
                both.addAll(fresh);
                return both;
            });
        }
        for (Map.Entry<NodeId, List<Announcement>> e : batches.entrySet()) {
            List<Announcement> all = e.getValue();
            for (int from = 0; from < all.size(); from += OverlayLimits.MAX_IHAVE_ENTRIES) {
                int to = Math.min(all.size(), from + OverlayLimits.MAX_IHAVE_ENTRIES);
                ctx.send(e.getKey(), new IHave(List.copyOf(all.subList(from, to))));
            }
        }
        repeatQueue.clear();
        repeatQueue.putAll(lazyQueue);
        lazyQueue.clear();
        armLazyTimer(ctx);
    }

    /**
     * The graft timer of a missing message fired: ask the next announcer in turn, and wait again.
     * The answer to a graft can be lost like anything else, so the announcers are asked round
     * robin, up to {@value #MAX_GRAFTS} grafts in all.
     */
    private void graftNext(NodeContext ctx, TimerId timer) {
        Long id = missingTimers.remove(timer.id());
        if (id == null) {
            return;
        }
        // A message is missing while its timer runs: received, it is forgotten and the timer cancelled.
        Missing m = missing.get(id);
        Announcer announcer = m.announcers.get(m.grafts % m.announcers.size());
        makeEager(announcer.node());
        ctx.send(announcer.node(), new Graft(id, announcer.round()));
        if (++m.grafts >= MAX_GRAFTS) {
            missing.remove(id);
        } else {
            waitFor(ctx, id, m, graftTimeoutMicros / 2);
        }
    }

    private void waitFor(NodeContext ctx, long id, Missing m, long delayMicros) {
        m.timer = ctx.setTimer(MISSING_TIMER, delayMicros);
        missingTimers.put(m.timer.id(), id);
    }

    private void forget(NodeContext ctx, long id) {
        Missing m = missing.remove(id);
        if (m != null && m.timer != null) {
            missingTimers.remove(m.timer.id());
            ctx.cancelTimer(m.timer);
        }
    }

    private void remember(NodeContext ctx, Gossip g, NodeId from) {
        cache.put(g.id(), new Cached(g, from, ctx.nowMicros()));
        Iterator<Cached> oldestFirst = cache.values().iterator();
        while (oldestFirst.hasNext()) {
            Cached oldest = oldestFirst.next();
            if (cache.size() <= CACHED_MESSAGES && ctx.nowMicros() - oldest.atMicros() <= CACHE_MICROS) {
                break;
            }
            oldestFirst.remove();
        }
    }
}
