package io.mycel.node.overlay;

import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.membership.Membership;
import io.mycel.node.overlay.OverlayMessages.Flood;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends floods until they are acknowledged ({@link OverlayMessages.FloodAck}), as TCP would on
 * Partisan's links: each unacknowledged flood is resent every retry interval, up to
 * {@value #MAX_ATTEMPTS} sends, and dropped early if membership declares its peer dead.
 * Unacknowledged floods are bounded by {@value #MAX_UNACKED}; the oldest are given up first.
 */
final class Resender {

    static final String RETRY_TIMER = "flood.retry";
    static final int MAX_ATTEMPTS = 5;
    static final int MAX_UNACKED = 4096;

    private record Outstanding(NodeId peer, long id) {
    }

    private static final class Unacked {
        final Flood flood;
        int attempts = 1;

        Unacked(Flood flood) {
            this.flood = flood;
        }
    }

    private final Membership membership;
    private final long retryIntervalMicros;
    /** In send order, so the oldest is resent (and given up) first. */
    private final LinkedHashMap<Outstanding, Unacked> unacked = new LinkedHashMap<>();
    private boolean retryTimerSet;

    Resender(Membership membership, long retryIntervalMicros) {
        this.membership = membership;
        this.retryIntervalMicros = retryIntervalMicros;
    }

    void send(NodeContext ctx, NodeId peer, Flood flood) {
        ctx.send(peer, flood);
        unacked.put(new Outstanding(peer, flood.id()), new Unacked(flood));
        if (unacked.size() > MAX_UNACKED) {
            unacked.remove(unacked.keySet().iterator().next());
        }
        armRetry(ctx);
    }

    void acknowledged(NodeId peer, long id) {
        unacked.remove(new Outstanding(peer, id));
    }

    void onRetryTimer(NodeContext ctx) {
        retryTimerSet = false;
        List<Outstanding> givenUp = new ArrayList<>();
        for (Map.Entry<Outstanding, Unacked> e : unacked.entrySet()) {
            Unacked u = e.getValue();
            if (u.attempts >= MAX_ATTEMPTS || !membership.isAlive(e.getKey().peer())) {
                givenUp.add(e.getKey());
            } else {
                u.attempts++;
                ctx.send(e.getKey().peer(), u.flood);
            }
        }
        unacked.keySet().removeAll(givenUp);
        armRetry(ctx);
    }

    private void armRetry(NodeContext ctx) {
        if (!unacked.isEmpty() && !retryTimerSet) {
            ctx.setTimer(RETRY_TIMER, retryIntervalMicros);
            retryTimerSet = true;
        }
    }
}
