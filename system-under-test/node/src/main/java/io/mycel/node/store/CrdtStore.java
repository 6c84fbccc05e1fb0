package io.mycel.node.store;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.TimerId;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.crdt.Crdt;
import io.mycel.node.overlay.Overlay;
import io.mycel.node.session.ClientSessions;
import io.mycel.node.store.StoreMessages.Digest;
import io.mycel.node.store.StoreMessages.KeyState;
import io.mycel.node.store.StoreMessages.Read;
import io.mycel.node.store.StoreMessages.ReadOk;
import io.mycel.node.store.StoreMessages.Repair;
import io.mycel.node.store.StoreMessages.Update;
import io.mycel.node.store.StoreMessages.UpdateFailed;
import io.mycel.node.store.StoreMessages.UpdateOk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A replicated key-value store of CRDTs (delta-state, as in Almeida, Shoker and Baquero), in the
 * spirit of Lasp and AntidoteDB's replication without coordination.
 *
 * <p>A client update is applied locally, synced to storage and acknowledged; its delta joins the
 * pending deltas, which are broadcast over the overlay every delta interval. Nodes that missed a
 * broadcast (lost, partitioned, crashed) are repaired by anti-entropy: every interval a node sends
 * a random neighbour a {@link Digest} of state hashes for a window of keys, and the two exchange the
 * states that differ ({@link Repair}), both ways.
 *
 * <p>Reads on one node are causally consistent for its clients: a state only grows by joins, an
 * update is applied before it is acknowledged (read your writes), and states merged from others are
 * synced before any read answers, so a crash never takes a node back behind what it has shown.
 *
 * <p>Emits {@code delta-buffer-dropped} when a burst overflows the pending deltas (anti-entropy
 * then carries them) and {@code malformed-state} when a peer's state cannot be decoded.
 */
public final class CrdtStore<S extends Crdt<S>> implements Process, Overlay.Delivery {

    static final String VALUE_PREFIX = "store/v/";
    static final String DELTA_TIMER = "store.delta";
    static final String ANTI_ENTROPY_TIMER = "store.anti-entropy";
    static final String FLUSH_TIMER = "store.flush";

    private final StoreConfig config;
    private final ValueKind<S> kind;
    private final TreeMap<String, S> values = new TreeMap<>();
    private final TreeMap<String, Long> hashes = new TreeMap<>();
    private final TreeMap<String, S> pendingDeltas = new TreeMap<>();
    /** Keys whose state changed since the last sync (merges from others; own updates only under a planted bug). */
    private final TreeSet<String> unsynced = new TreeSet<>();
    private final ClientSessions sessions = ClientSessions.durable("store/s/");
    private final WireWriter scratch = new WireWriter(256);
    private Overlay overlay;
    private boolean deltaTimerSet;
    private String antiEntropyCursor = "";

    public static CrdtStore<?> create(StoreConfig config) {
        return withKind(config, ValueKind.of(config.kind()));
    }

    private static <T extends Crdt<T>> CrdtStore<T> withKind(StoreConfig config, ValueKind<T> kind) {
        return new CrdtStore<>(config, kind);
    }

    private CrdtStore(StoreConfig config, ValueKind<S> kind) {
        this.config = config;
        this.kind = kind;
    }

    /** The overlay deltas travel on; set once, before start (the overlay delivers back to this store). */
    public void connect(Overlay overlay) {
        this.overlay = overlay;
    }

    @Override
    public void onStart(NodeContext ctx) {
        for (String key : ctx.storage().keys().subSet(VALUE_PREFIX, VALUE_PREFIX + Character.MAX_VALUE)) {
            try {
                values.put(key.substring(VALUE_PREFIX.length()), decode(ctx.storage().get(key)));
            } catch (MalformedMessageException e) {
                throw new IllegalStateException("stored state of " + key + " cannot be read back: " + e.getMessage(), e);
            }
        }
        sessions.load(ctx.storage());
        ctx.setTimer(ANTI_ENTROPY_TIMER, 1 + ctx.random().nextLong(0, config.antiEntropyIntervalMicros()));
        ctx.setTimer(FLUSH_TIMER, config.flushIntervalMicros());
    }

    @Override
    public void onMessage(NodeContext ctx, NodeId from, Message message) {
        if (message instanceof Update u) {
            onUpdate(ctx, from, u);
        } else if (message instanceof Read r) {
            if (config.bug() != PlantedBug.FORGET_DELTAS_ON_RESTART) {
                flush(ctx);
            }
            ctx.send(from, new ReadOk(r.requestId(), kind.read(valueOf(r.key()))));
        } else if (message instanceof Digest d) {
            onDigest(ctx, from, d);
        } else if (message instanceof Repair r) {
            for (KeyState s : r.states()) {
                mergeRemote(ctx, s.key(), s.state());
            }
            if (!r.wanted().isEmpty()) {
                ctx.send(from, new Repair(statesOf(r.wanted()), List.of()));
            }
        }
    }

    @Override
    public void onTimer(NodeContext ctx, TimerId timer) {
        switch (timer.name()) {
            case DELTA_TIMER -> {
                deltaTimerSet = false;
                broadcastDeltas(ctx);
            }
            case ANTI_ENTROPY_TIMER -> {
                sendDigest(ctx);
                ctx.setTimer(ANTI_ENTROPY_TIMER, config.antiEntropyIntervalMicros());
            }
            case FLUSH_TIMER -> {
                flush(ctx);
                ctx.setTimer(FLUSH_TIMER, config.flushIntervalMicros());
            }
            default -> throw new IllegalStateException("unknown store timer " + timer);
        }
    }

    /** A broadcast batch of deltas from another node. */
    @Override
    public void deliver(NodeContext ctx, NodeId origin, byte[] payload) {
        WireReader in = new WireReader(payload);
        try {
            int count = in.readLength(StoreLimits.MAX_PENDING_DELTA_KEYS, "delta keys");
            for (int i = 0; i < count; i++) {
                String key = in.readString(StoreLimits.MAX_KEY_BYTES);
                mergeRemote(ctx, key, in.readBytes(StoreLimits.MAX_STATE_BYTES));
            }
        } catch (MalformedMessageException e) {
            ctx.emit("malformed-state", origin.name() + ": " + e.getMessage());
        }
    }

    /** The state of a key, for tests and benchmarks. */
    public S valueOf(String key) {
        return values.getOrDefault(key, kind.empty());
    }

    /** Every key's state hash, in key order: two stores hold the same data exactly when these are equal. */
    public Map<String, Long> digest() {
        TreeMap<String, Long> out = new TreeMap<>();
        for (String key : values.keySet()) {
            out.put(key, hashOf(key));
        }
        return out;
    }

    private void onUpdate(NodeContext ctx, NodeId client, Update u) {
        if (sessions.alreadyApplied(client, u.requestId())) {
            ctx.send(client, new UpdateOk(u.requestId()));
            return;
        }
        S current = valueOf(u.key());
        S delta = kind.update(current, ctx.self().name(), u.op(), u.argument(), ctx.nowMicros());
        if (delta == null) {
            ctx.send(client, new UpdateFailed(u.requestId()));
            return;
        }
        put(u.key(), current.merge(delta));
        pendingDeltas.merge(u.key(), delta, Crdt::merge);
        sessions.applied(ctx.storage(), client, u.requestId());
        if (config.bug() == PlantedBug.FORGET_DELTAS_ON_RESTART) {
            unsynced.add(u.key());
        } else {
            persist(ctx, u.key());
            ctx.storage().sync();
        }
        ctx.send(client, new UpdateOk(u.requestId()));
        if (!deltaTimerSet) {
            ctx.setTimer(DELTA_TIMER, config.deltaIntervalMicros());
            deltaTimerSet = true;
        }
    }

    private void broadcastDeltas(NodeContext ctx) {
        if (pendingDeltas.isEmpty()) {
            return;
        }
        if (pendingDeltas.size() > StoreLimits.MAX_PENDING_DELTA_KEYS) {
            ctx.emit("delta-buffer-dropped", pendingDeltas.size() + " keys");
            pendingDeltas.clear();
            return;
        }
        WireWriter out = new WireWriter(64);
        out.writeVarLong(pendingDeltas.size());
        for (Map.Entry<String, S> e : pendingDeltas.entrySet()) {
            out.writeString(e.getKey()).writeBytes(encode(e.getValue()));
        }
        pendingDeltas.clear();
        overlay.broadcast(ctx, out.toByteArray());
    }

    private void sendDigest(NodeContext ctx) {
        List<NodeId> neighbours = overlay.neighbours();
        if (neighbours.isEmpty()) {
            return;
        }
        NodeId peer = neighbours.get(ctx.random().nextInt(neighbours.size()));
        String from = antiEntropyCursor;
        List<StoreMessages.KeyHash> window = new ArrayList<>();
        String to = "";
        for (String key : values.tailMap(from, true).keySet()) {
            if (window.size() == StoreLimits.MAX_DIGEST_KEYS) {
                to = key;
                break;
            }
            window.add(new StoreMessages.KeyHash(key, hashOf(key)));
        }
        antiEntropyCursor = to;
        ctx.send(peer, new Digest(from, to, window));
    }

    private void onDigest(NodeContext ctx, NodeId from, Digest d) {
        TreeMap<String, Long> theirs = new TreeMap<>();
        for (StoreMessages.KeyHash h : d.hashes()) {
            theirs.put(h.key(), h.hash());
        }
        Map<String, S> mine = d.to().isEmpty() ? values.tailMap(d.from(), true) : values.subMap(d.from(), d.to());
        List<String> differing = new ArrayList<>();
        for (String key : mine.keySet()) {
            Long hash = theirs.get(key);
            if (hash == null || hash != hashOf(key)) {
                differing.add(key);
            }
        }
        List<String> wanted = new ArrayList<>();
        for (Map.Entry<String, Long> e : theirs.entrySet()) {
            if (!mine.containsKey(e.getKey()) || e.getValue() != hashOf(e.getKey())) {
                wanted.add(e.getKey());
            }
        }
        if (!differing.isEmpty() || !wanted.isEmpty()) {
            ctx.send(from, new Repair(statesOf(differing), wanted));
        }
    }

    private List<KeyState> statesOf(List<String> keys) {
        List<KeyState> states = new ArrayList<>();
        for (String key : keys) {
            S state = values.get(key);
            if (state != null && states.size() < StoreLimits.MAX_REPAIR_KEYS) {
                states.add(new KeyState(key, encode(state)));
            }
        }
        return states;
    }

    private void mergeRemote(NodeContext ctx, String key, byte[] encoded) {
        S remote;
        try {
            remote = decode(encoded);
        } catch (MalformedMessageException e) {
            ctx.emit("malformed-state", key + ": " + e.getMessage());
            return;
        }
        S local = valueOf(key);
        S merged = kind.mergeRemote(local, remote, config.bug());
        if (!merged.equals(local)) {
            put(key, merged);
            unsynced.add(key);
        }
    }

    private void put(String key, S state) {
        values.put(key, state);
        hashes.remove(key);
    }

    private void flush(NodeContext ctx) {
        if (unsynced.isEmpty()) {
            return;
        }
        for (String key : unsynced) {
            persist(ctx, key);
        }
        unsynced.clear();
        ctx.storage().sync();
    }

    private void persist(NodeContext ctx, String key) {
        ctx.storage().put(VALUE_PREFIX + key, encode(values.get(key)));
    }

    private long hashOf(String key) {
        Long cached = hashes.get(key);
        if (cached == null) {
            cached = fingerprint(encode(values.get(key)));
            hashes.put(key, cached);
        }
        return cached;
    }

    /** FNV-1a over the encoding, then a finalizing mix; equal states encode alike, so hash alike. */
    static long fingerprint(byte[] bytes) {
        long h = 0xcbf29ce484222325L;
        for (byte b : bytes) {
            h = (h ^ (b & 0xFF)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ (h >>> 33);
    }

    private byte[] encode(S state) {
        scratch.reset();
        kind.write(scratch, state);
        return scratch.toByteArray();
    }

    private S decode(byte[] bytes) throws MalformedMessageException {
        WireReader in = new WireReader(bytes);
        S state = kind.readState(in);
        if (in.remaining() != 0) {
            throw new MalformedMessageException(in.remaining() + " trailing bytes after a state");
        }
        return state;
    }
}
