package io.mycel.node.dht;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.TimerId;
import io.mycel.node.dht.DhtMessages.FindNode;
import io.mycel.node.dht.DhtMessages.FindValue;
import io.mycel.node.dht.DhtMessages.Nodes;
import io.mycel.node.dht.DhtMessages.Ping;
import io.mycel.node.dht.DhtMessages.Pong;
import io.mycel.node.dht.DhtMessages.Rpc;
import io.mycel.node.dht.DhtMessages.Store;
import io.mycel.node.dht.DhtMessages.Stored;
import io.mycel.node.dht.DhtMessages.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongFunction;

/**
 * A Kademlia node as a layer on the seam: the routing table, the RPCs between nodes, iterative
 * lookups, and provider records with republish and expiry. Its timers are named {@code dht.*}.
 *
 * <p>Only nodes heard from directly enter the routing table: a contact named in someone's answer is
 * queried by the lookup that learned it, and enters the table when it answers. A node joins by
 * looking up its own key from its seeds (the first configured nodes); a node whose table empties
 * (cut off long enough) joins again at its next refresh.
 */
public final class Kademlia {

    static final String RPC_TIMER = "dht.rpc";
    static final String REFRESH_TIMER = "dht.refresh";
    static final String REPUBLISH_TIMER = "dht.republish";
    static final String EXPIRE_TIMER = "dht.expire";

    /** What a finished lookup reports: the answer (a node found, providers), its hops and the queries it sent. */
    @FunctionalInterface
    public interface Answer {
        void answer(NodeContext ctx, List<NodeId> found, int hops, int queries);
    }

    /** A publish reached {@code stored} of the nodes closest to the key (0: none answered). */
    @FunctionalInterface
    public interface Published {
        void published(NodeContext ctx, int stored);
    }

    @FunctionalInterface
    private interface LookupDone {
        void done(NodeContext ctx, Lookup lookup);
    }

    private sealed interface Pending permits Probe, Query, StoreRpc {
        Contact contact();
    }

    private record Probe(Contact contact) implements Pending {
    }

    private record Query(long lookup, Contact contact) implements Pending {
    }

    private record StoreRpc(long publish, Contact contact) implements Pending {
    }

    private record Outstanding(Pending pending, TimerId timer) {
    }

    private record Running(Lookup lookup, LookupDone done) {
    }

    private static final class Publishing {
        int waiting;
        int stored;
        final Published done;

        Publishing(int waiting, int stored, Published done) {
            this.waiting = waiting;
            this.stored = stored;
            this.done = done;
        }
    }

    private final DhtConfig config;
    private final KeyOrder order;
    private final Announcements announced = new Announcements();
    private final TreeMap<Long, Outstanding> outstanding = new TreeMap<>();
    private final TreeMap<Long, Long> rpcByTimer = new TreeMap<>();
    private final TreeMap<Long, Running> lookups = new TreeMap<>();
    private final TreeMap<Long, Publishing> publishes = new TreeMap<>();
    /** When a lookup last aimed into each bucket, for refresh. */
    private final long[] lastLookup = new long[64];
    private Contact self;
    private RoutingTable table;
    private ProviderRecords records;
    private long rpcSeq;
    private long lookupSeq;
    private long publishSeq;

    public Kademlia(DhtConfig config) {
        this.config = config;
        this.order = config.order();
    }

    public void onStart(NodeContext ctx) {
        self = Contact.of(ctx.self());
        table = new RoutingTable(self, config.k(), order);
        records = new ProviderRecords(config.recordTtlMicros());
        announced.load(ctx);
        join(ctx);
        ctx.setTimer(REFRESH_TIMER, ctx.random().nextLong(config.refreshMicros() / 2, config.refreshMicros()));
        ctx.setTimer(REPUBLISH_TIMER, ctx.random().nextLong(config.republishMicros() / 2, config.republishMicros()));
        ctx.setTimer(EXPIRE_TIMER, config.recordTtlMicros() / 2);
    }

    /**
     * Joins as the Kademlia paper does: seeds the table with the first configured nodes, looks up
     * this node's own key through them, then refreshes every bucket beyond its nearest neighbour,
     * so that both its table and the tables of the nodes it asks learn of each other across the key
     * space; then publishes what it provides.
     */
    private void join(NodeContext ctx) {
        List<NodeId> members = ctx.members();
        for (int i = 0; i < Math.min(config.seeds(), members.size()); i++) {
            table.observe(Contact.of(members.get(i)));
        }
        lookup(ctx, Lookup.Kind.NODE, self.key(), (c, l) -> {
            refreshBuckets(c, true);
            publishAll(c);
        });
    }

    public static boolean handles(Message message) {
        return message instanceof Rpc;
    }

    public void onMessage(NodeContext ctx, NodeId from, Message message) {
        Rpc rpc = (Rpc) message;
        Contact sender = Contact.of(from);
        Contact probe = table.observe(sender);
        if (probe != null) {
            send(ctx, new Probe(probe), Ping::new);
        }
        if (rpc instanceof Ping m) {
            ctx.send(from, new Pong(m.rpc()));
        } else if (rpc instanceof FindNode m) {
            ctx.send(from, new Nodes(m.rpc(), closestFor(new DhtKey(m.target()), from)));
        } else if (rpc instanceof FindValue m) {
            List<NodeId> providers = records.providers(m.key(), ctx.nowMicros());
            ctx.send(from, new Value(m.rpc(), providers, closestFor(new DhtKey(m.key()), from)));
        } else if (rpc instanceof Store m) {
            if (records.put(m.key(), from, ctx.nowMicros())) {
                ctx.send(from, new Stored(m.rpc()));
            }
        } else if (rpc instanceof Nodes m) {
            answered(ctx, from, m.rpc(), m.contacts(), List.of());
        } else if (rpc instanceof Value m) {
            answered(ctx, from, m.rpc(), m.contacts(), m.providers());
        } else {
            answered(ctx, from, rpc.rpc(), List.of(), List.of());   // a Pong or a Stored
        }
    }

    /** The k contacts closest to {@code target}, leaving out the node that asks. */
    private List<NodeId> closestFor(DhtKey target, NodeId asker) {
        List<Contact> closest = table.closest(target, config.k() + 1);
        List<NodeId> out = new ArrayList<>(config.k());
        for (int i = 0; i < closest.size() && out.size() < config.k(); i++) {
            NodeId node = closest.get(i).node();
            if (!node.equals(asker)) {
                out.add(node);
            }
        }
        return out;
    }

    private void answered(NodeContext ctx, NodeId from, long rpc, List<NodeId> contacts, List<NodeId> values) {
        Outstanding o = outstanding.get(rpc);
        if (o == null || !o.pending().contact().node().equals(from)) {
            return;   // late (its timer already fired), duplicated, or not from the node asked
        }
        outstanding.remove(rpc);
        rpcByTimer.remove(o.timer().id());
        ctx.cancelTimer(o.timer());
        if (o.pending() instanceof Query q) {
            Running r = lookups.get(q.lookup());
            if (r != null) {
                List<Contact> closer = new ArrayList<>(contacts.size());
                for (NodeId node : contacts) {
                    closer.add(Contact.of(node));
                }
                r.lookup().answered(q.contact(), closer, values);
                pump(ctx, q.lookup());
            }
        } else if (o.pending() instanceof StoreRpc s) {
            Publishing p = publishes.get(s.publish());
            if (p != null) {
                p.stored++;
                p.waiting--;
                finishPublish(ctx, s.publish());
            }
        }
        // a Probe needs nothing more: observing the answer already kept the contact
    }

    private void timedOut(NodeContext ctx, long rpc) {
        Outstanding o = outstanding.remove(rpc);
        if (o == null) {
            return;
        }
        if (o.pending() instanceof Probe p) {
            table.probeFailed(p.contact());
        } else if (o.pending() instanceof Query q) {
            table.rpcFailed(q.contact(), config.staleAfter());
            Running r = lookups.get(q.lookup());
            if (r != null) {
                r.lookup().failed(q.contact());
                pump(ctx, q.lookup());
            }
        } else if (o.pending() instanceof StoreRpc s) {
            table.rpcFailed(s.contact(), config.staleAfter());
            Publishing p = publishes.get(s.publish());
            if (p != null) {
                p.waiting--;
                finishPublish(ctx, s.publish());
            }
        }
    }

    private void send(NodeContext ctx, Pending pending, LongFunction<Rpc> request) {
        long rpc = ++rpcSeq;
        TimerId timer = ctx.setTimer(RPC_TIMER, config.rpcTimeoutMicros());
        outstanding.put(rpc, new Outstanding(pending, timer));
        rpcByTimer.put(timer.id(), rpc);
        ctx.send(pending.contact().node(), request.apply(rpc));
    }

    private void lookup(NodeContext ctx, Lookup.Kind kind, DhtKey target, LookupDone done) {
        long id = ++lookupSeq;
        int bucket = self.key().bucketOf(target);
        if (bucket >= 0) {
            lastLookup[bucket] = ctx.nowMicros();
        }
        Lookup lookup = new Lookup(kind, target, self.node(), config.k(), config.alpha(), config.attempts(), order,
                table.closest(target, config.k()));
        lookups.put(id, new Running(lookup, done));
        pump(ctx, id);
    }

    /** Sends the queries the lookup wants now, or finishes it. */
    private void pump(NodeContext ctx, long id) {
        Running r = lookups.get(id);
        Lookup lookup = r.lookup();
        if (lookup.done()) {
            lookups.remove(id);
            r.done().done(ctx, lookup);
            return;
        }
        long target = lookup.target().bits();
        for (Contact contact : lookup.nextQueries()) {
            send(ctx, new Query(id, contact), lookup.kind() == Lookup.Kind.NODE
                    ? rpc -> new FindNode(rpc, target) : rpc -> new FindValue(rpc, target));
        }
    }

    /** Looks for {@code target}: found (a one-element list) when it answered a query of the lookup. */
    public void locate(NodeContext ctx, NodeId target, Answer answer) {
        if (target.equals(self.node())) {
            answer.answer(ctx, List.of(target), 0, 0);
            return;
        }
        lookup(ctx, Lookup.Kind.NODE, DhtKey.of(target), (c, l) ->
                answer.answer(c, l.answerHop() >= 0 ? List.of(target) : List.of(), Math.max(0, l.answerHop()), l.queries()));
    }

    /**
     * Finds the providers of {@code service}: those this node holds records of, and those the k nodes
     * closest to the key hold. Hops are 0 when this node held a record itself.
     */
    public void find(NodeContext ctx, String service, Answer answer) {
        DhtKey key = DhtKey.of(service);
        List<NodeId> local = records.providers(key.bits(), ctx.nowMicros());
        lookup(ctx, Lookup.Kind.VALUE, key, (c, l) -> {
            TreeSet<NodeId> all = new TreeSet<>(local);
            all.addAll(l.values());
            int hops = !local.isEmpty() ? 0 : Math.max(0, l.answerHop());
            answer.answer(c, List.copyOf(all), hops, l.queries());
        });
    }

    /**
     * Makes this node a provider of {@code service} for the rest of its life, restarts included
     * (the list is synced before the first publish), and publishes the record. False when the node
     * already announces as many services as it may.
     */
    public boolean announce(NodeContext ctx, String service, Published done) {
        if (!announced.add(ctx, service)) {
            return false;
        }
        publish(ctx, service, done);
        return true;
    }

    private void publishAll(NodeContext ctx) {
        for (String service : announced.services()) {
            publish(ctx, service, null);
        }
    }

    /** Stores this node's provider record for {@code service} on the k nodes closest to its key. */
    private void publish(NodeContext ctx, String service, Published done) {
        DhtKey key = DhtKey.of(service);
        lookup(ctx, Lookup.Kind.NODE, key, (c, l) -> {
            List<Contact> closest = l.closest();
            int stored = 0;
            boolean selfAmongClosest = closest.size() < config.k()
                    || order.compare(self.key().distance(key), closest.get(closest.size() - 1).key().distance(key)) < 0;
            if (selfAmongClosest) {
                records.put(key.bits(), self.node(), c.nowMicros());
                stored = 1;
                if (closest.size() == config.k()) {
                    closest = closest.subList(0, config.k() - 1);
                }
            }
            long id = ++publishSeq;
            publishes.put(id, new Publishing(closest.size(), stored, done));
            for (Contact holder : closest) {
                send(c, new StoreRpc(id, holder), rpc -> new Store(rpc, key.bits()));
            }
            finishPublish(c, id);
        });
    }

    private void finishPublish(NodeContext ctx, long id) {
        Publishing p = publishes.get(id);
        if (p.waiting == 0) {
            publishes.remove(id);
            if (p.done != null) {
                p.done.published(ctx, p.stored);
            }
        }
    }

    /** Handles this layer's timers ({@code dht.*}). */
    public void onTimer(NodeContext ctx, TimerId timer) {
        switch (timer.name()) {
            case RPC_TIMER -> {
                Long rpc = rpcByTimer.remove(timer.id());
                if (rpc != null) {
                    timedOut(ctx, rpc);
                }
            }
            case REFRESH_TIMER -> {
                refresh(ctx);
                ctx.setTimer(REFRESH_TIMER, config.refreshMicros());
            }
            case REPUBLISH_TIMER -> {
                publishAll(ctx);
                if (config.bug() != DhtBug.REPUBLISH_ONCE) {
                    ctx.setTimer(REPUBLISH_TIMER, config.republishMicros());
                }
            }
            case EXPIRE_TIMER -> {
                records.expire(ctx.nowMicros());
                ctx.setTimer(EXPIRE_TIMER, config.recordTtlMicros() / 2);
            }
            default -> throw new IllegalArgumentException("not a DHT timer: " + timer.name());
        }
    }

    /**
     * The periodic refresh: looks up this node's own key, so the nodes nearest it keep knowing it
     * (when the whole mesh starts at once, a join sees few nodes), then refreshes the buckets no
     * lookup aimed into for a refresh interval. A node whose table emptied joins again.
     */
    private void refresh(NodeContext ctx) {
        if (table.size() == 0) {
            join(ctx);
            return;
        }
        lookup(ctx, Lookup.Kind.NODE, self.key(), (c, l) -> { });
        refreshBuckets(ctx, false);
    }

    /**
     * Looks up a random key in each bucket from the nearest occupied one outward (all of them, or
     * only those no lookup aimed into for a refresh interval), so each fills with live contacts.
     */
    private void refreshBuckets(NodeContext ctx, boolean all) {
        int nearest = 0;
        while (nearest < 64 && !table.occupied(nearest)) {
            nearest++;
        }
        long now = ctx.nowMicros();
        for (int i = nearest; i < 64; i++) {
            if (all || now - lastLookup[i] >= config.refreshMicros()) {
                long low = i == 0 ? 0 : ctx.random().nextLong() & ((1L << i) - 1);
                lookup(ctx, Lookup.Kind.NODE, new DhtKey(self.key().bits() ^ (1L << i) ^ low), (c, l) -> { });
            }
        }
    }

    /** Contacts in the routing table. */
    public int tableSize() {
        return table.size();
    }

    /** The routing table's nodes, for tests and figures. */
    public List<NodeId> tableNodes() {
        return table.nodes();
    }

    /** Service keys this node holds records for. */
    public int recordKeys() {
        return records.keys();
    }
}
