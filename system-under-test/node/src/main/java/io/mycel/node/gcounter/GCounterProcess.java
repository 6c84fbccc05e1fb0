package io.mycel.node.gcounter;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.TimerId;
import io.mycel.node.energy.DutyCycledSender;
import io.mycel.node.energy.EnergyGovernor;
import io.mycel.node.energy.EnergyGovernor.WorkClass;
import io.mycel.node.energy.WorkPipeline;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.session.ClientSessions;
import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.gcounter.GCounterMessages.Add;
import io.mycel.node.gcounter.GCounterMessages.AddOk;
import io.mycel.node.gcounter.GCounterMessages.Gossip;
import io.mycel.node.gcounter.GCounterMessages.Read;
import io.mycel.node.gcounter.GCounterMessages.ReadOk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A grow-only counter replicated by push-pull anti-entropy.
 *
 * <p>Each node counts the adds it accepted in its own entry; every gossip interval it pushes its
 * whole state to {@code fanout} random peers, and a peer that knows more answers with its own
 * state. Sends: {@link AddOk}, {@link ReadOk}, {@link Gossip}. A node's own entry is the one
 * thing it must never forget, since no one else can restore increments it made after its last
 * gossip: so an add is synced to storage before it is acknowledged.
 *
 * <p>The network may deliver a request twice, so adds are deduplicated per client: each client has
 * one request open at a time with increasing ids, and a node remembers (durably, in the same sync as
 * the count) the last request id it applied for each of the clients it heard from most recently
 * ({@link ClientSessions}). A repeated add is acknowledged again but not applied again.
 *
 * <p>Reads never go back in time on a node: what a node learned by gossip is not durable until it
 * shows it, so a read first writes and syncs the whole state when gossip changed it since the last
 * read, and a restart takes back that state. (Restarting with the own entry alone, a node read its
 * counter far below what it had shown before the crash; the monotonic-read rule of
 * {@code crdt-counter} caught it.)
 *
 * <p>On a radio with a duty cycle (LoRa), every frame goes through a {@link DutyCycledSender}: answers
 * to clients are critical and always go, if need be a little later; gossip is normal work and is
 * shed when the hour's airtime budget would not leave room for answers.
 *
 * <p>With {@code checkpoint-every}, the node checkpoints its whole state to storage now and then, so a
 * restart takes back what it learned by gossip, not only what it showed: deferrable work, queued in a
 * {@link WorkPipeline} that holds it while the battery is low and runs it when the sun is back.
 *
 * <p>The {@code ack: before-sync} option plants a real-world bug: adds are acknowledged at once and
 * synced only every {@code sync-interval}, as a batching write path would do. A crash then loses
 * acknowledged adds, and the counter check catches it.
 */
final class GCounterProcess implements Process {

    static final String OWN_COUNT_KEY = "gcounter/own";
    /** The whole state as last shown to a reader, encoded as a gossip message. */
    static final String SHOWN_STATE_KEY = "gcounter/shown";
    private static final GCounterCodec CODEC = new GCounterCodec();

    private final long gossipIntervalMicros;
    /** Gossip is normal work, adds are critical: a low battery slows the one, never the other. */
    private final EnergyGovernor governor;
    private final DutyCycledSender radio;
    private final long checkpointEveryMicros;
    private final WorkPipeline work;
    private TimerId gossipTimer;
    private final int fanout;
    private final boolean ackBeforeSync;
    private final long syncIntervalMicros;

    private final GCounterState state = new GCounterState();
    private final ClientSessions sessions = ClientSessions.durable("gcounter/client/");
    private boolean unsynced;
    /** Gossip changed the state since a reader last saw it, so it is not yet durable. */
    private boolean learnedSinceShown;

    GCounterProcess(long gossipIntervalMicros, int fanout, boolean ackBeforeSync, long syncIntervalMicros, EnergyGovernor governor,
                    DutyCycledSender radio, long checkpointEveryMicros) {
        this.governor = governor;
        this.radio = radio;
        this.checkpointEveryMicros = checkpointEveryMicros;
        this.work = new WorkPipeline(governor, 1_000_000, "gcounter/work/", (ctx, job) -> checkpoint(ctx));
        this.gossipIntervalMicros = gossipIntervalMicros;
        this.fanout = fanout;
        this.ackBeforeSync = ackBeforeSync;
        this.syncIntervalMicros = syncIntervalMicros;
    }

    @Override
    public void onStart(NodeContext ctx) {
        byte[] shown = ctx.storage().get(SHOWN_STATE_KEY);
        if (shown != null) {
            state.merge(decodeShown(shown));
        }
        byte[] stored = ctx.storage().get(OWN_COUNT_KEY);
        if (stored != null) {
            // The own entry is synced at every add, the shown state only at reads: take the larger.
            state.merge(Map.of(ctx.self(), decodeLong(stored)));
        }
        sessions.load(ctx.storage());
        radio.onStart(ctx);
        work.onStart(ctx);
        if (checkpointEveryMicros > 0) {
            ctx.setTimer("checkpoint", checkpointEveryMicros);
        }
        // A random first delay keeps the nodes from gossiping in lockstep.
        gossipTimer = ctx.setTimer("gossip", 1 + ctx.random().nextLong(0, gossipIntervalMicros));
        if (ackBeforeSync) {
            ctx.setTimer("sync", syncIntervalMicros);
        }
    }

    @Override
    public void onMessage(NodeContext ctx, NodeId from, Message message) {
        if (message instanceof Add add) {
            if (sessions.alreadyApplied(from, add.requestId())) {
                radio.send(ctx, from, new AddOk(add.requestId()), WorkClass.CRITICAL);   // a repeat: acknowledge, do not apply again
                return;
            }
            state.increment(ctx.self(), add.delta());
            ctx.storage().put(OWN_COUNT_KEY, encodeLong(state.countOf(ctx.self())));
            sessions.applied(ctx.storage(), from, add.requestId());
            if (ackBeforeSync) {
                unsynced = true;
            } else {
                ctx.storage().sync();
            }
            radio.send(ctx, from, new AddOk(add.requestId()), WorkClass.CRITICAL);
        } else if (message instanceof Read read) {
            if (learnedSinceShown) {
                ctx.storage().put(SHOWN_STATE_KEY, CODEC.toBytes(new Gossip(state.snapshot(), false)));
                ctx.storage().sync();
                learnedSinceShown = false;
            }
            radio.send(ctx, from, new ReadOk(read.requestId(), state.value()), WorkClass.CRITICAL);
        } else if (message instanceof Gossip gossip) {
            learnedSinceShown |= state.merge(gossip.counts());
            if (!gossip.reply() && state.knowsMoreThan(gossip.counts())) {
                radio.send(ctx, from, new Gossip(state.snapshot(), true), WorkClass.NORMAL);
            }
        } else {
            ctx.emit("unexpected-message", message.typeName() + " from " + from);
        }
    }

    @Override
    public void onPowerChange(NodeContext ctx) {
        work.onPowerChange(ctx);
        // Gossip is normal work: slowed while the battery is low, back to its pace once it is not.
        if (gossipTimer != null) {
            ctx.cancelTimer(gossipTimer);
        }
        scheduleGossip(ctx);
    }

    private void scheduleGossip(NodeContext ctx) {
        long period = governor.period(ctx.power(), WorkClass.NORMAL, gossipIntervalMicros);
        if (period != EnergyGovernor.PAUSED && ctx.power().dutyCycle() < 1) {
            // No sooner than the airtime budget lets the next push go out.
            period = Math.max(period, radio.waitFor(ctx, new Gossip(state.snapshot(), false), WorkClass.NORMAL));
        }
        gossipTimer = period == EnergyGovernor.PAUSED || period == Long.MAX_VALUE ? null : ctx.setTimer("gossip", period);
    }

    @Override
    public void onTimer(NodeContext ctx, TimerId timer) {
        if (radio.onTimer(ctx, timer) || work.onTimer(ctx, timer)) {
            return;
        }
        switch (timer.name()) {
            case "gossip" -> {
                Gossip push = new Gossip(state.snapshot(), false);
                for (NodeId peer : choosePeers(ctx)) {
                    if (!radio.send(ctx, peer, push, WorkClass.NORMAL)) {
                        break;   // the hour's airtime is spent: the rest waits for the next round
                    }
                }
                scheduleGossip(ctx);
            }
            case "sync" -> {
                if (unsynced) {
                    ctx.storage().sync();
                    unsynced = false;
                }
                ctx.setTimer("sync", syncIntervalMicros);
            }
            case "checkpoint" -> {
                if (work.queuedCount() == 0) {
                    work.submit(ctx, WorkClass.DEFERRABLE, "checkpoint");   // one waiting is enough: it writes the latest state
                }
                ctx.setTimer("checkpoint", checkpointEveryMicros);
            }
            default -> throw new IllegalStateException("unknown timer " + timer);
        }
    }

    /** Writes the whole state as shown: a restart takes it back (the pipeline syncs it). */
    private void checkpoint(NodeContext ctx) {
        ctx.storage().put(SHOWN_STATE_KEY, CODEC.toBytes(new Gossip(state.snapshot(), false)));
        learnedSinceShown = false;
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

    static byte[] encodeLong(long count) {
        return new WireWriter(10).writeVarLong(count).toByteArray();
    }

    static Map<NodeId, Long> decodeShown(byte[] stored) {
        try {
            return ((Gossip) CODEC.fromBytes(stored)).counts();
        } catch (MalformedMessageException | ClassCastException e) {
            throw new IllegalStateException("stored shown state is corrupt: " + e.getMessage(), e);
        }
    }

    static long decodeLong(byte[] stored) {
        try {
            return new WireReader(stored).readVarLong();
        } catch (MalformedMessageException e) {
            throw new IllegalStateException("stored own count is corrupt: " + e.getMessage(), e);
        }
    }
}
