package io.mycel.node.presence;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.TimerId;
import io.mycel.node.overlay.Overlay;
import io.mycel.node.session.ClientSessions;
import io.mycel.node.presence.PresenceMessages.Join;
import io.mycel.node.presence.PresenceMessages.JoinOk;
import io.mycel.node.presence.PresenceMessages.Leave;
import io.mycel.node.presence.PresenceMessages.LeaveOk;
import io.mycel.node.presence.PresenceMessages.Who;
import io.mycel.node.presence.PresenceMessages.WhoOk;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Presence, in the spirit of Phoenix Presence: who is online on which node. Clients join and leave
 * at the node they are connected to; each node owns its table of presences and spreads it over the
 * overlay, at every change and every heartbeat interval. Others keep the newest table of each origin
 * (by epoch, then version: see {@link PresenceTable}), so replicas converge whatever the order,
 * loss or duplication of broadcasts.
 *
 * <p>Crashes and partitions: a node's presences are its connected clients, so they live in memory
 * only, and a restarted node starts an empty table under a new epoch (kept durably), which replaces
 * the old one everywhere. A node not heard from for the timeout has its presences hidden, not
 * deleted: a crashed node's clients vanish from every view within the timeout, and the other side of
 * a partition reappears as soon as its heartbeats get through again. A node always sees its own.
 *
 * <p>Emits {@code presence-expired} and {@code presence-back} (detail: the origin) when an origin's
 * presences are hidden or shown again.
 */
public final class Presence implements Process, Overlay.Delivery {

    static final String EPOCH_KEY = "presence/epoch";
    static final String HEARTBEAT_TIMER = "presence.heartbeat";

    private final PresenceConfig config;
    private final TreeMap<NodeId, PresenceTable> tables = new TreeMap<>();
    /** The newest broadcast heard from an origin (by epoch, then beat), and when. */
    private record Heard(long epoch, long beat, long atMicros) {
    }

    private final TreeMap<NodeId, Heard> heard = new TreeMap<>();
    /** A repeated join or leave is acknowledged, not applied again; presences are volatile, and so are these. */
    private final ClientSessions sessions = ClientSessions.inMemory();
    /** Origins whose presences are hidden now, so that expiry and return are noted once each. */
    private final TreeSet<NodeId> expired = new TreeSet<>();
    private final TreeMap<String, String> mine = new TreeMap<>();
    private Overlay overlay;
    private long epoch;
    private long version;
    private long beat;

    public Presence(PresenceConfig config) {
        this.config = config;
    }

    /** The overlay tables travel on; set once, before start. */
    public void connect(Overlay overlay) {
        this.overlay = overlay;
    }

    @Override
    public void onStart(NodeContext ctx) {
        byte[] stored = ctx.storage().get(EPOCH_KEY);
        epoch = stored == null ? 1 : ByteBuffer.wrap(stored).getLong() + 1;
        ctx.storage().put(EPOCH_KEY, ByteBuffer.allocate(Long.BYTES).putLong(epoch).array());
        ctx.storage().sync();
        ctx.setTimer(HEARTBEAT_TIMER, 1 + ctx.random().nextLong(0, config.heartbeatIntervalMicros()));
    }

    @Override
    public void onMessage(NodeContext ctx, NodeId from, Message message) {
        if (message instanceof Join j) {
            if (sessions.alreadyApplied(from, j.requestId())) {
                ctx.send(from, new JoinOk(j.requestId()));
                return;
            }
            if (mine.size() >= PresenceLimits.MAX_LOCAL_PRESENCES && !mine.containsKey(j.user())) {
                return;   // refused by silence: the client records an unknown outcome, which is what it is
            }
            sessions.applied(ctx.storage(), from, j.requestId());
            mine.put(j.user(), j.meta());
            changed(ctx);
            ctx.send(from, new JoinOk(j.requestId()));
        } else if (message instanceof Leave l) {
            if (!sessions.alreadyApplied(from, l.requestId())) {
                sessions.applied(ctx.storage(), from, l.requestId());
                if (mine.remove(l.user()) != null) {
                    changed(ctx);
                }
            }
            ctx.send(from, new LeaveOk(l.requestId()));
        } else if (message instanceof Who w) {
            ctx.send(from, new WhoOk(w.requestId(), online(ctx)));
        }
    }

    @Override
    public void onTimer(NodeContext ctx, TimerId timer) {
        if (!timer.name().equals(HEARTBEAT_TIMER)) {
            throw new IllegalStateException("unknown presence timer " + timer);
        }
        broadcastOwn(ctx);
        noteExpiries(ctx);
        ctx.setTimer(HEARTBEAT_TIMER, config.heartbeatIntervalMicros());
    }

    /** A table broadcast by another node: a newer one replaces the older, and it or an equal one is a sign of life. */
    @Override
    public void deliver(NodeContext ctx, NodeId origin, byte[] payload) {
        if (origin.equals(ctx.self())) {
            return;
        }
        PresenceTable table;
        try {
            table = PresenceTable.decode(payload);
        } catch (MalformedMessageException e) {
            ctx.emit("malformed-presence", origin.name() + ": " + e.getMessage());
            return;
        }
        PresenceTable known = tables.getOrDefault(origin, PresenceTable.EMPTY);
        if (!known.newerThan(table)) {
            tables.put(origin, table);
        }
        // Only a broadcast not heard before is a sign of life: a duplicate, a resend or a late relay
        // of an old heartbeat, counted, would show a crashed node's clients again.
        Heard last = heard.get(origin);
        if (last != null && (last.epoch() > table.epoch() || last.epoch() == table.epoch() && last.beat() >= table.beat())) {
            return;
        }
        heard.put(origin, new Heard(table.epoch(), table.beat(), ctx.nowMicros()));
        if (expired.remove(origin)) {
            ctx.emit("presence-back", origin.name());
        }
    }

    /** {@code user@node} for every presence this node sees, sorted: its own, and those of origins heard from lately. */
    public List<String> online(NodeContext ctx) {
        List<String> out = new ArrayList<>();
        for (String user : mine.keySet()) {
            out.add(user + "@" + ctx.self().name());
        }
        for (Map.Entry<NodeId, PresenceTable> e : tables.entrySet()) {
            if (heardLately(ctx, e.getKey())) {
                for (String user : e.getValue().entries().keySet()) {
                    out.add(user + "@" + e.getKey().name());
                }
            }
        }
        out.sort(null);
        return out;
    }

    private boolean heardLately(NodeContext ctx, NodeId origin) {
        Heard last = heard.get(origin);
        return last != null && (!config.expire() || ctx.nowMicros() - last.atMicros() <= config.timeoutMicros());
    }

    private void noteExpiries(NodeContext ctx) {
        for (NodeId origin : heard.keySet()) {
            if (!heardLately(ctx, origin) && expired.add(origin)) {
                ctx.emit("presence-expired", origin.name());
            }
        }
    }

    private void changed(NodeContext ctx) {
        version++;
        broadcastOwn(ctx);
    }

    private void broadcastOwn(NodeContext ctx) {
        beat++;
        overlay.broadcast(ctx, new PresenceTable(epoch, version, beat, mine).encode());
    }

}
