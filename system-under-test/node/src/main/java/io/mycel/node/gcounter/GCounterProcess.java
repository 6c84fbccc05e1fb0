package io.mycel.node.gcounter;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.TimerId;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.gcounter.GCounterMessages.Add;
import io.mycel.node.gcounter.GCounterMessages.AddOk;
import io.mycel.node.gcounter.GCounterMessages.Gossip;
import io.mycel.node.gcounter.GCounterMessages.Read;
import io.mycel.node.gcounter.GCounterMessages.ReadOk;
import java.util.ArrayList;
import java.util.List;

/**
 * A grow-only counter replicated by push-pull anti-entropy.
 *
 * <p>Each node counts the adds it accepted in its own entry; every gossip interval it pushes its
 * whole state to {@code fanout} random peers, and a peer that knows more answers with its own
 * state. Sends: {@link AddOk}, {@link ReadOk}, {@link Gossip}. A node's own entry is the one
 * thing it must never forget, since no one else can restore increments it made after its last
 * gossip: so an add is synced to storage before it is acknowledged.
 *
 * <p>The {@code ack: before-sync} option plants a real-world bug: adds are acknowledged at once and
 * synced only every {@code sync-interval}, as a batching write path would do. A crash then loses
 * acknowledged adds, and the counter check catches it.
 */
final class GCounterProcess implements Process {

    static final String OWN_COUNT_KEY = "gcounter/own";

    private final long gossipIntervalMicros;
    private final int fanout;
    private final boolean ackBeforeSync;
    private final long syncIntervalMicros;

    private final GCounterState state = new GCounterState();
    private boolean unsynced;

    GCounterProcess(long gossipIntervalMicros, int fanout, boolean ackBeforeSync, long syncIntervalMicros) {
        this.gossipIntervalMicros = gossipIntervalMicros;
        this.fanout = fanout;
        this.ackBeforeSync = ackBeforeSync;
        this.syncIntervalMicros = syncIntervalMicros;
    }

    @Override
    public void onStart(NodeContext ctx) {
        byte[] stored = ctx.storage().get(OWN_COUNT_KEY);
        if (stored != null) {
            state.setCount(ctx.self(), decodeCount(stored));
        }
        // A random first delay keeps the nodes from gossiping in lockstep.
        ctx.setTimer("gossip", 1 + ctx.random().nextLong(0, gossipIntervalMicros));
        if (ackBeforeSync) {
            ctx.setTimer("sync", syncIntervalMicros);
        }
    }

    @Override
    public void onMessage(NodeContext ctx, NodeId from, Message message) {
        if (message instanceof Add add) {
            state.increment(ctx.self(), add.delta());
            ctx.storage().put(OWN_COUNT_KEY, encodeCount(state.countOf(ctx.self())));
            if (ackBeforeSync) {
                unsynced = true;
            } else {
                ctx.storage().sync();
            }
            ctx.send(from, new AddOk(add.requestId()));
        } else if (message instanceof Read read) {
            ctx.send(from, new ReadOk(read.requestId(), state.value()));
        } else if (message instanceof Gossip gossip) {
            state.merge(gossip.counts());
            if (!gossip.reply() && state.knowsMoreThan(gossip.counts())) {
                ctx.send(from, new Gossip(state.snapshot(), true));
            }
        } else {
            ctx.emit("unexpected-message", message.typeName() + " from " + from);
        }
    }

    @Override
    public void onTimer(NodeContext ctx, TimerId timer) {
        switch (timer.name()) {
            case "gossip" -> {
                Gossip push = new Gossip(state.snapshot(), false);
                for (NodeId peer : choosePeers(ctx)) {
                    ctx.send(peer, push);
                }
                ctx.setTimer("gossip", gossipIntervalMicros);
            }
            case "sync" -> {
                if (unsynced) {
                    ctx.storage().sync();
                    unsynced = false;
                }
                ctx.setTimer("sync", syncIntervalMicros);
            }
            default -> throw new IllegalStateException("unknown timer " + timer);
        }
    }

    /** Up to {@code fanout} distinct peers other than this node, drawn uniformly. */
    private List<NodeId> choosePeers(NodeContext ctx) {
        List<NodeId> members = ctx.members();
        int others = members.size() - 1;
        int want = Math.min(fanout, others);
        List<NodeId> chosen = new ArrayList<>(want);
        while (chosen.size() < want) {
            NodeId candidate = members.get(ctx.random().nextInt(members.size()));
            if (!candidate.equals(ctx.self()) && !chosen.contains(candidate)) {
                chosen.add(candidate);
            }
        }
        return chosen;
    }

    static byte[] encodeCount(long count) {
        return new WireWriter(10).writeVarLong(count).toByteArray();
    }

    static long decodeCount(byte[] stored) {
        try {
            return new WireReader(stored).readVarLong();
        } catch (MalformedMessageException e) {
            throw new IllegalStateException("stored own count is corrupt: " + e.getMessage(), e);
        }
    }
}
