package io.mycel.node.mesh;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.TimerId;
import io.mycel.node.membership.Membership;
import io.mycel.node.membership.StaticMembership;
import io.mycel.node.membership.Swim;
import io.mycel.node.membership.SwimMessages;
import io.mycel.node.overlay.FullMesh;
import io.mycel.node.overlay.Hub;
import io.mycel.node.overlay.Overlay;
import io.mycel.node.overlay.OverlayMessages;
import io.mycel.node.overlay.PartialView;
import io.mycel.node.presence.Presence;
import io.mycel.node.presence.PresenceMessages;
import io.mycel.node.store.CrdtStore;
import io.mycel.node.store.StoreMessages;

/**
 * One mesh node: membership (SWIM, or the static member list), an overlay, and on top either the
 * CRDT store (the {@code mesh} program) or presence (the {@code presence} program). The layers share
 * the node's context; messages go to a layer by type, timers by the prefix of their name
 * ({@code swim.}, {@code store.}, {@code presence.}, and the overlay's own: {@code hpv.}, {@code pt.},
 * {@code flood.}).
 */
public final class MeshProcess implements Process {

    static final String SLEEP_TIMER = "mesh.sleep";

    private final MeshSettings settings;
    private Swim swim;
    private Overlay overlay;
    private CrdtStore<?> store;
    private Presence presence;

    MeshProcess(MeshSettings settings) {
        this.settings = settings;
    }

    @Override
    public void onStart(NodeContext ctx) {
        Overlay.Delivery delivery;
        if (settings.store() != null) {
            store = CrdtStore.create(settings.store());
            delivery = store;
        } else {
            presence = new Presence(settings.presence());
            delivery = presence;
        }
        // SWIM tells the overlay about failures; the overlay is made after it, so a forwarding listener.
        Membership membership;
        if (settings.swim() != null) {
            swim = new Swim(settings.swim(), settings.sleepAware() ? settings.sleep() : null, new Membership.Listener() {
                @Override
                public void memberDown(NodeContext c, NodeId node) {
                    overlay.memberDown(c, node);
                }

                @Override
                public void memberUp(NodeContext c, NodeId node) {
                    overlay.memberUp(c, node);
                }
            });
            membership = swim;
        } else {
            membership = new StaticMembership(ctx.members(), ctx.self());
        }
        overlay = switch (settings.overlay()) {
            case FULL_MESH -> new FullMesh(membership, delivery, settings.graftTimeoutMicros());
            case HUB -> new Hub(ctx.members().get(0), membership, delivery, settings.graftTimeoutMicros());
            case PARTIAL_VIEW -> new PartialView(settings.views(), settings.lazyIntervalMicros(),
                    settings.graftTimeoutMicros(), delivery);
        };
        if (swim != null) {
            swim.onStart(ctx);
        }
        if (settings.sleep() != null) {
            scheduleSleep(ctx);
        }
        overlay.onStart(ctx);
        if (store != null) {
            store.connect(overlay);
            store.onStart(ctx);
        } else {
            presence.connect(overlay);
            presence.onStart(ctx);
        }
    }

    @Override
    public void onMessage(NodeContext ctx, NodeId from, Message message) {
        if (message instanceof StoreMessages.StoreMessage && store != null) {
            store.onMessage(ctx, from, message);
        } else if (message instanceof PresenceMessages.PresenceMessage && presence != null) {
            presence.onMessage(ctx, from, message);
        } else if (message instanceof OverlayMessages.OverlayMessage) {
            overlay.onMessage(ctx, from, message);
        } else if (message instanceof SwimMessages.SwimMessage && swim != null) {
            swim.onMessage(ctx, from, message);
        }
    }

    @Override
    public void onTimer(NodeContext ctx, TimerId timer) {
        String name = timer.name();
        if (name.equals(SLEEP_TIMER)) {
            ctx.sleep(settings.sleep().sleepMicros());
        } else if (name.startsWith("store.")) {
            store.onTimer(ctx, timer);
        } else if (name.startsWith("presence.")) {
            presence.onTimer(ctx, timer);
        } else if (name.startsWith("swim.")) {
            swim.onTimer(ctx, timer);
        } else {
            overlay.onTimer(ctx, timer);
        }
    }

    @Override
    public void onWake(NodeContext ctx) {
        if (swim != null) {
            swim.onWake(ctx);
        }
        scheduleSleep(ctx);
    }

    /** Sets the timer for the node's next sleep on the schedule (after the one it just woke from). */
    private void scheduleSleep(NodeContext ctx) {
        long at = settings.sleep().nextSleepAt(ctx.self(), ctx.nowMicros() + 1);
        ctx.setTimer(SLEEP_TIMER, at - ctx.nowMicros());
    }

    /** For benchmarks: the node's store (null before start, or when it runs presence). */
    public CrdtStore<?> store() {
        return store;
    }

    /** For benchmarks: the node's overlay (null before start). */
    public Overlay overlay() {
        return overlay;
    }
}
