package io.mycel.node.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.TimerId;
import io.mycel.sim.LatencyDistribution;
import io.mycel.sim.LinkModel;
import io.mycel.sim.Simulation;
import io.mycel.sim.SimulationBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Kademlia alone in the simulator, over several seeds: lookups find live nodes within ceil(log2 n)
 * hops and do not find dead ones, and provider records survive the crash of many holders because
 * providers republish them.
 */
class KademliaSimTest {

    static final DhtConfig CONFIG = new DhtConfig(8, 3, 3, 3, 100_000, 2, 8_000_000, 3_000_000, 9_000_000, DhtBug.NONE);
    static final String ACT_TIMER = "test.act";

    /** What one node's test actions found. */
    record Outcome(NodeId asker, List<NodeId> asked, List<NodeId> found, int hops) {
    }

    /** A node: Kademlia, and a test timer that makes it locate nodes, announce or find a service. */
    private static final class Node implements Process {
        final Kademlia kademlia = new Kademlia(CONFIG);
        final List<Outcome> outcomes;
        final long actAtMicros;
        final List<NodeId> toLocate;
        final String announce;
        final String find;

        Node(List<Outcome> outcomes, long actAtMicros, List<NodeId> toLocate, String announce, String find) {
            this.outcomes = outcomes;
            this.actAtMicros = actAtMicros;
            this.toLocate = toLocate;
            this.announce = announce;
            this.find = find;
        }

        @Override
        public void onStart(NodeContext ctx) {
            kademlia.onStart(ctx);
            if (ctx.nowMicros() < actAtMicros) {
                ctx.setTimer(ACT_TIMER, actAtMicros - ctx.nowMicros());
            }
        }

        @Override
        public void onMessage(NodeContext ctx, NodeId from, Message message) {
            kademlia.onMessage(ctx, from, message);
        }

        @Override
        public void onTimer(NodeContext ctx, TimerId timer) {
            if (!timer.name().equals(ACT_TIMER)) {
                kademlia.onTimer(ctx, timer);
                return;
            }
            for (NodeId target : toLocate) {
                kademlia.locate(ctx, target, (c, found, hops, queries) ->
                        outcomes.add(new Outcome(c.self(), List.of(target), found, hops)));
            }
            if (announce != null) {
                kademlia.announce(ctx, announce, (c, stored) -> { });
            }
            if (find != null) {
                kademlia.find(ctx, find, (c, found, hops, queries) -> outcomes.add(new Outcome(c.self(), List.of(), found, hops)));
            }
        }
    }

    private static List<NodeId> names(int n) {
        List<NodeId> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ids.add(NodeId.of("n" + i));
        }
        return ids;
    }

    private static SimulationBuilder builder(long seed) {
        return Simulation.builder(seed, new LinkModel(new LatencyDistribution.LogNormal(5_000, 40_000), 0, 0, 0));
    }

    @Test
    void lookupsFindEveryLiveNodeWithinLogNHops() {
        int n = 256;
        for (long seed = 1; seed <= 3; seed++) {
            List<NodeId> ids = names(n);
            List<Outcome> outcomes = new ArrayList<>();
            SimulationBuilder b = builder(seed);
            for (int i = 0; i < n; i++) {
                List<NodeId> targets = List.of(ids.get((int) ((i * 7919L + seed) % n)), ids.get((int) ((i * 104729L + 3 * seed) % n)));
                b.node(ids.get(i), () -> new Node(outcomes, 12_000_000, targets, null, null), new DhtCodec());
            }
            Simulation sim = b.build();
            sim.runUntil(16_000_000);
            assertEquals(2 * n, outcomes.size(), "every lookup finishes, seed " + seed);
            int maxHops = 0;
            for (Outcome o : outcomes) {
                assertEquals(o.asked(), o.found(), o.asker() + " looking for " + o.asked() + ", seed " + seed);
                maxHops = Math.max(maxHops, o.hops());
            }
            assertTrue(maxHops <= 8, "ceil(log2 256) = 8 hops at most, took " + maxHops + " at seed " + seed);
        }
    }

    @Test
    void deadNodesAreNotFoundAndLiveOnesStillAre() {
        int n = 128;
        for (long seed = 1; seed <= 3; seed++) {
            List<NodeId> ids = names(n);
            List<Outcome> outcomes = new ArrayList<>();
            SimulationBuilder b = builder(seed);
            for (int i = 0; i < n; i++) {
                List<NodeId> targets = List.of(ids.get((i * 31 + 7) % n), ids.get((i * 17 + 3) % n));
                b.node(ids.get(i), () -> new Node(outcomes, 20_000_000, targets, null, null), new DhtCodec());
            }
            Simulation sim = b.build();
            TreeSet<NodeId> dead = new TreeSet<>();
            for (int i = 3; i < n; i += 4) {
                dead.add(ids.get(i));   // a quarter of the nodes, none of the seeds
            }
            sim.at(10_000_000, () -> dead.forEach(sim::crash));
            sim.runUntil(26_000_000);
            int asked = 0;
            for (Outcome o : outcomes) {
                asked++;
                NodeId target = o.asked().get(0);
                if (dead.contains(target)) {
                    assertTrue(o.found().isEmpty(), o.asker() + " found dead " + target + ", seed " + seed);
                } else {
                    assertEquals(o.asked(), o.found(), o.asker() + " missed live " + target + ", seed " + seed);
                }
            }
            assertEquals(2 * (n - dead.size()), asked, "each live node's lookups finish, seed " + seed);
        }
    }

    @Test
    void providersAreFoundAfterHoldersCrashBecauseProvidersRepublish() {
        int n = 96;
        for (long seed = 1; seed <= 3; seed++) {
            List<NodeId> ids = names(n);
            List<Outcome> outcomes = new ArrayList<>();
            SimulationBuilder b = builder(seed);
            TreeMap<NodeId, String> providers = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                NodeId id = ids.get(i);
                boolean provider = i % 12 == 5;
                if (provider) {
                    providers.put(id, "svc");
                }
                long actAt = provider ? 4_000_000 : 20_000_000;
                b.node(id, () -> new Node(outcomes, actAt, List.of(), provider ? "svc" : null, provider ? null : "svc"),
                        new DhtCodec());
            }
            Simulation sim = b.build();
            // the nodes closest to the service's key hold its records: crash them all once stored
            List<NodeId> holders = ids.stream().filter(id -> !providers.containsKey(id))
                    .sorted((x, y) -> Long.compareUnsigned(DhtKey.of(x).distance(DhtKey.of("svc")), DhtKey.of(y).distance(DhtKey.of("svc"))))
                    .limit(CONFIG.k()).toList();
            sim.at(8_000_000, () -> holders.forEach(sim::crash));
            sim.runUntil(24_000_000);
            int finds = 0;
            for (Outcome o : outcomes) {
                if (o.asked().isEmpty()) {
                    finds++;
                    assertEquals(List.copyOf(providers.keySet()), o.found(), o.asker() + " finding svc, seed " + seed);
                }
            }
            assertEquals(n - providers.size() - holders.size(), finds, "every live non-provider finds, seed " + seed);
            assertFalse(holders.isEmpty());
        }
    }
}
