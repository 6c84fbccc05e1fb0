package io.mycel.node.membership;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.TimerId;
import io.mycel.node.energy.SleepSchedule;
import io.mycel.node.membership.SwimMessages.Ack;
import io.mycel.node.membership.SwimMessages.Ping;
import io.mycel.node.membership.SwimMessages.PingReq;
import io.mycel.node.membership.SwimMessages.Update;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SWIM membership and failure detection (Das, Gupta and Motivala, 2002), with the suspicion
 * sub-protocol and infection-style dissemination.
 *
 * <p>Every protocol period T a node probes one member with a {@link Ping}, taking members in a
 * shuffled round-robin order so that each is probed within a bounded number of periods. Without an
 * {@link Ack} by the probe timeout it asks k other members for a {@link PingReq}; they probe the
 * target and forward its ack. A member that stays silent through the period becomes SUSPECT; a
 * suspect that does not refute within {@code suspicionPeriods} periods becomes DEAD. A member
 * refutes a suspicion of itself by raising its incarnation and spreading ALIVE. All news rides on
 * probe traffic ({@link Dissemination}), so messages stay bounded and no extra messages are sent.
 *
 * <p>Departures from the paper: the incarnation is kept in durable storage and raised at every
 * start, so a restarted member outranks the DEAD verdict the others hold about it and rejoins by
 * simply probing; and the first probe of a node is delayed by a random fraction of T so that nodes
 * started together do not probe in lockstep.
 *
 * <p>Members that sleep on a known {@link SleepSchedule} are tolerated: a member asleep (by the
 * schedule, widened by its guard) is not probed, not asked to help probe, and not suspected for a
 * probe it could not answer; a suspicion of it waits until it is awake again and has had a full
 * suspicion timeout to refute. A node that wakes forgets the probe it had in flight, whose ack came
 * while its own radio was off, and gives every suspect a full timeout again, since it could not
 * hear them refute while it slept.
 *
 * <p>Emits {@code member-suspect}, {@code member-dead} and {@code member-alive} (detail: the
 * member's name) when this node's view of a member changes.
 */
public final class Swim implements Process, Membership {

    static final String INCARNATION_KEY = "swim/incarnation";
    static final String PERIOD_TIMER = "swim.period";
    static final String PROBE_TIMEOUT_TIMER = "swim.probe-timeout";
    /** Suspects pinged each period besides the round-robin probe (see {@link #pingAccused}). */
    static final int ACCUSED_PINGS_PER_PERIOD = 3;

    private record Member(MemberState state, long incarnation, long sinceMicros) {
    }

    private record Relay(NodeId requester, long requesterSeq) {
    }

    private final SwimConfig config;
    /** When members sleep, or null when they never do (or SWIM is not told: a planted bug). */
    private final SleepSchedule sleep;
    private final Listener listener;
    private final TreeMap<NodeId, Member> members = new TreeMap<>();
    private final Dissemination gossip;
    private final TreeMap<Long, Relay> relays = new TreeMap<>();
    private final List<NodeId> probeOrder = new ArrayList<>();
    private int probeCursor;

    private NodeId self;
    private long incarnation;
    private long nextSeq;
    private NodeId probeTarget;
    private long probeSeq = -1;
    private boolean probeAcked;

    public Swim(SwimConfig config, Listener listener) {
        this(config, null, listener);
    }

    /** @param sleep when members sleep, or null when they never do */
    public Swim(SwimConfig config, SleepSchedule sleep, Listener listener) {
        this.config = config;
        this.sleep = sleep;
        this.listener = listener;
        this.gossip = new Dissemination(config.piggybackPerMessage(), config.retransmitMultiplier());
    }

    @Override
    public void onStart(NodeContext ctx) {
        self = ctx.self();
        byte[] stored = ctx.storage().get(INCARNATION_KEY);
        incarnation = stored == null ? 0 : ByteBuffer.wrap(stored).getLong() + 1;
        persistIncarnation(ctx);
        for (NodeId m : ctx.members()) {
            if (!m.equals(self)) {
                members.put(m, new Member(MemberState.ALIVE, 0, ctx.nowMicros()));
            }
        }
        gossip.add(new Update(MemberState.ALIVE, self, incarnation));
        ctx.setTimer(PERIOD_TIMER, 1 + ctx.random().nextInt((int) Math.min(Integer.MAX_VALUE, config.probeIntervalMicros())));
    }

    @Override
    public void onTimer(NodeContext ctx, TimerId timer) {
        switch (timer.name()) {
            case PERIOD_TIMER -> {
                finishProbe(ctx);
                expireSuspicions(ctx);
                startProbe(ctx);
                pingAccused(ctx);
                ctx.setTimer(PERIOD_TIMER, config.probeIntervalMicros());
            }
            case PROBE_TIMEOUT_TIMER -> {
                if (probeTarget != null && !probeAcked) {
                    askOthersToProbe(ctx);
                }
            }
            default -> throw new IllegalStateException("unknown SWIM timer " + timer);
        }
    }

    @Override
    public void onMessage(NodeContext ctx, NodeId from, Message message) {
        SwimMessages.SwimMessage swim = (SwimMessages.SwimMessage) message;
        for (Update u : swim.updates()) {
            apply(ctx, u);
        }
        if (swim instanceof Ping ping) {
            ctx.send(from, new Ack(ping.seq(), piggyback(from)));
        } else if (swim instanceof PingReq req) {
            long seq = ++nextSeq;
            relays.put(seq, new Relay(from, req.seq()));
            if (relays.size() > SwimLimits.MAX_PENDING_RELAYS) {
                relays.pollFirstEntry();
            }
            ctx.send(req.target(), new Ping(seq, piggyback(req.target())));
        } else if (swim instanceof Ack ack) {
            if (ack.seq() == probeSeq) {
                probeAcked = true;
            } else {
                Relay relay = relays.remove(ack.seq());
                if (relay != null) {
                    ctx.send(relay.requester(), new Ack(relay.requesterSeq(), piggyback(relay.requester())));
                }
            }
        }
    }

    @Override
    public List<NodeId> alive() {
        List<NodeId> out = new ArrayList<>(members.size());
        for (Map.Entry<NodeId, Member> e : members.entrySet()) {
            if (e.getValue().state() != MemberState.DEAD) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    @Override
    /**
     * The node woke: the probe it had in flight was answered, if at all, while its radio was off, and
     * a suspect could not have been heard refuting meanwhile, so each suspect's time starts again.
     */
    public void onWake(NodeContext ctx) {
        probeTarget = null;
        List<NodeId> suspects = new ArrayList<>();
        members.forEach((id, m) -> {
            if (m.state() == MemberState.SUSPECT) {
                suspects.add(id);
            }
        });
        restartSuspicions(ctx, suspects);
    }

    /** Gives these suspects a full suspicion timeout from now. */
    private void restartSuspicions(NodeContext ctx, List<NodeId> suspects) {
        for (NodeId id : suspects) {
            Member m = members.get(id);
            members.put(id, new Member(m.state(), m.incarnation(), ctx.nowMicros()));
        }
    }

    public boolean isAlive(NodeId node) {
        Member m = members.get(node);
        return m != null && m.state() != MemberState.DEAD;
    }

    /** This node's view of a member, for tests and metrics; null for self or a stranger. */
    public MemberState stateOf(NodeId node) {
        Member m = members.get(node);
        return m == null ? null : m.state();
    }

    public long incarnation() {
        return incarnation;
    }

    private void startProbe(NodeContext ctx) {
        probeTarget = nextTarget(ctx);
        probeAcked = false;
        if (probeTarget == null) {
            probeSeq = -1;
            return;
        }
        probeSeq = ++nextSeq;
        ctx.send(probeTarget, new Ping(probeSeq, piggyback(probeTarget)));
        ctx.setTimer(PROBE_TIMEOUT_TIMER, config.probeTimeoutMicros());
    }

    private void finishProbe(NodeContext ctx) {
        if (probeTarget != null && !probeAcked && !asleep(probeTarget, ctx)) {
            Member m = members.get(probeTarget);
            if (m != null && m.state() == MemberState.ALIVE) {
                apply(ctx, new Update(MemberState.SUSPECT, probeTarget, m.incarnation()));
            }
        }
        probeTarget = null;
    }

    private void askOthersToProbe(NodeContext ctx) {
        List<NodeId> helpers = alive();
        helpers.remove(probeTarget);
        helpers.removeIf(h -> asleep(h, ctx));
        for (int i = 0; i < config.indirectProbes() && !helpers.isEmpty(); i++) {
            NodeId helper = helpers.remove(ctx.random().nextInt(helpers.size()));
            ctx.send(helper, new PingReq(probeSeq, probeTarget, piggyback(helper)));
        }
    }

    /** The next member in a shuffled round robin over members not known dead; null when there is none. */
    private NodeId nextTarget(NodeContext ctx) {
        for (int attempts = 0; attempts < 2; attempts++) {
            while (probeCursor < probeOrder.size()) {
                NodeId candidate = probeOrder.get(probeCursor++);
                if (isAlive(candidate) && !asleep(candidate, ctx)) {
                    return candidate;
                }
            }
            probeOrder.clear();
            probeOrder.addAll(alive());
            for (int i = probeOrder.size() - 1; i > 0; i--) {
                int j = ctx.random().nextInt(i + 1);
                NodeId t = probeOrder.get(i);
                probeOrder.set(i, probeOrder.get(j));
                probeOrder.set(j, t);
            }
            probeCursor = 0;
        }
        return null;
    }

    private void expireSuspicions(NodeContext ctx) {
        long timeout = config.suspicionPeriods() * config.probeIntervalMicros();
        List<Update> expired = new ArrayList<>();
        List<NodeId> sleeping = new ArrayList<>();
        members.forEach((id, m) -> {
            if (m.state() == MemberState.SUSPECT && asleep(id, ctx)) {
                sleeping.add(id);
            } else if (m.state() == MemberState.SUSPECT && ctx.nowMicros() - m.sinceMicros() >= timeout) {
                expired.add(new Update(MemberState.DEAD, id, m.incarnation()));
            }
        });
        restartSuspicions(ctx, sleeping);   // its time to refute starts again once it is awake
        for (Update u : expired) {
            apply(ctx, u);
        }
    }

    /** Applies news if it outranks what this node knows; spreads it further if so. */
    private void apply(NodeContext ctx, Update u) {
        if (u.incarnation() == Long.MAX_VALUE) {
            return;   // no refutation could outrank it: malformed or hostile, never news
        }
        if (u.node().equals(self)) {
            if (u.state() != MemberState.ALIVE) {
                if (u.incarnation() >= incarnation) {
                    incarnation = u.incarnation() + 1;   // refute: a newer ALIVE outranks the accusation
                    persistIncarnation(ctx);
                }
                // Spread it afresh even when the accusation is older than our incarnation: the accuser
                // missed our last refutation, which has left the piggyback buffer by now.
                gossip.add(new Update(MemberState.ALIVE, self, incarnation));
            }
            return;
        }
        Member known = members.get(u.node());
        if (known == null || !outranks(u, known)) {
            return;   // a name outside the configured members is no member, and bounds the table
        }
        MemberState before = known == null ? null : known.state();
        members.put(u.node(), new Member(u.state(), u.incarnation(), ctx.nowMicros()));
        gossip.add(u);
        if (before != u.state()) {
            announce(ctx, u.node(), before, u.state());
        }
    }

    private static boolean outranks(Update u, Member known) {
        return switch (u.state()) {
            case ALIVE -> u.incarnation() > known.incarnation();
            case SUSPECT -> known.state() == MemberState.ALIVE ? u.incarnation() >= known.incarnation()
                    : u.incarnation() > known.incarnation();
            case DEAD -> known.state() != MemberState.DEAD ? u.incarnation() >= known.incarnation()
                    : u.incarnation() > known.incarnation();
        };
    }

    private void announce(NodeContext ctx, NodeId node, MemberState before, MemberState now) {
        switch (now) {
            case SUSPECT -> ctx.emit("member-suspect", node.name());
            case DEAD -> {
                ctx.emit("member-dead", node.name());
                listener.memberDown(ctx, node);
            }
            case ALIVE -> ctx.emit("member-alive", node.name());
        }
        // Back from the dead, directly or by way of a newer suspicion: either way it lives again.
        if (before == MemberState.DEAD && now != MemberState.DEAD) {
            listener.memberUp(ctx, node);
        }
    }

    /**
     * The updates for a message to {@code to}. A member this node holds suspect or dead is told so
     * first: it may be alive (a false suspicion, or the other side of a healed partition), and only
     * it can refute, by raising its incarnation.
     */
    private List<Update> piggyback(NodeId to) {
        List<Update> news = gossip.take(members.size() + 1);
        Member m = members.get(to);
        if (m == null || m.state() == MemberState.ALIVE) {
            return news;
        }
        List<Update> out = new ArrayList<>(news.size() + 1);
        out.add(new Update(m.state(), to, m.incarnation()));
        for (Update u : news) {
            if (out.size() < SwimLimits.MAX_PIGGYBACKED_UPDATES && !u.node().equals(to)) {
                out.add(u);
            }
        }
        return out;
    }

    /**
     * Each period a node also pings, outside the round robin, up to {@value #ACCUSED_PINGS_PER_PERIOD}
     * members it holds suspect and one it holds dead, each ping carrying the accusation. A live
     * accused member then refutes in its ack at once. Without this a suspect is told only when the
     * round robin comes back to it or the rumour reaches it, which in a small cluster can take longer
     * than the suspicion timeout (false deaths after a loss burst); and dead members are never
     * probed, so two sides of a healed partition would hold each other dead for ever.
     */
    private void pingAccused(NodeContext ctx) {
        List<NodeId> suspects = new ArrayList<>();
        List<NodeId> dead = new ArrayList<>();
        members.forEach((id, m) -> {
            if (asleep(id, ctx)) {
                return;
            }
            if (m.state() == MemberState.SUSPECT && !id.equals(probeTarget)) {
                suspects.add(id);
            } else if (m.state() == MemberState.DEAD) {
                dead.add(id);
            }
        });
        for (int i = 0; i < ACCUSED_PINGS_PER_PERIOD && !suspects.isEmpty(); i++) {
            NodeId target = suspects.remove(ctx.random().nextInt(suspects.size()));
            ctx.send(target, new Ping(++nextSeq, piggyback(target)));
        }
        if (!dead.isEmpty()) {
            NodeId target = dead.get(ctx.random().nextInt(dead.size()));
            ctx.send(target, new Ping(++nextSeq, piggyback(target)));
        }
    }

    private boolean asleep(NodeId member, NodeContext ctx) {
        return sleep != null && sleep.asleepAround(member, ctx.nowMicros());
    }

    private void persistIncarnation(NodeContext ctx) {
        ctx.storage().put(INCARNATION_KEY, ByteBuffer.allocate(Long.BYTES).putLong(incarnation).array());
        ctx.storage().sync();
    }
}
