package io.mycel.node.overlay;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.TimerId;
import io.mycel.node.overlay.OverlayMessages.Gossip;
import io.mycel.node.overlay.OverlayMessages.Graft;
import io.mycel.node.overlay.OverlayMessages.IHave;
import io.mycel.node.overlay.OverlayMessages.Prune;
import java.util.List;

/**
 * The overlay for large meshes: HyParView keeps each node's few neighbours, Plumtree broadcasts
 * along a spanning tree over them. Neighbours for anti-entropy are the active view.
 */
public final class PartialView implements Overlay {

    private final HyParView views;
    private final Plumtree trees;

    public PartialView(HyParViewConfig config, long lazyIntervalMicros, long graftTimeoutMicros, Delivery delivery) {
        this.trees = new Plumtree(delivery, this::isNeighbour, lazyIntervalMicros, graftTimeoutMicros);
        this.views = new HyParView(config, trees);
    }

    @Override
    public void onStart(NodeContext ctx) {
        views.onStart(ctx);
    }

    @Override
    public List<NodeId> neighbours() {
        return views.active();
    }

    private boolean isNeighbour(NodeId peer) {
        return views.isActive(peer);
    }

    /** The passive view, for tests and metrics. */
    public List<NodeId> passive() {
        return views.passive();
    }

    @Override
    public void broadcast(NodeContext ctx, byte[] payload) {
        trees.broadcast(ctx, payload);
    }

    @Override
    public void onMessage(NodeContext ctx, NodeId from, Message message) {
        // Tree traffic is also a sign of life for the link, so the view sees every message first.
        views.onMessage(ctx, from, message);
        if (message instanceof Gossip g) {
            trees.onGossip(ctx, from, g);
        } else if (message instanceof IHave ihave) {
            trees.onIHave(ctx, from, ihave);
        } else if (message instanceof Prune) {
            trees.onPrune(from);
        } else if (message instanceof Graft graft) {
            trees.onGraft(ctx, from, graft);
        }
    }

    @Override
    public void onTimer(NodeContext ctx, TimerId timer) {
        if (!views.onTimer(ctx, timer) && !trees.onTimer(ctx, timer)) {
            throw new IllegalStateException("unknown overlay timer " + timer);
        }
    }

    @Override
    public void memberDown(NodeContext ctx, NodeId node) {
        views.failed(ctx, node);
    }

    @Override
    public void memberUp(NodeContext ctx, NodeId node) {
        views.rejoined(ctx, node);
    }
}
