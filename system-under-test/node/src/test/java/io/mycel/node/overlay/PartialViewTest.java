package io.mycel.node.overlay;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * HyParView with Plumtree on its own, in the simulator: the views form one connected, bounded
 * overlay, broadcasts reach every node under loss, and a mesh split by a partition joins up again
 * once it heals (with membership telling the overlay who came back, as SWIM does in the mesh).
 */
class PartialViewTest {

    static final HyParViewConfig VIEWS = new HyParViewConfig(4, 12, 6, 3, 2_000_000, 3, 4, 500_000, 2_000_000);
    static final String BROADCAST_TIMER = "test.broadcast";
    static final String REJOIN_TIMER = "test.rejoin";
    static final String DOWN_TIMER = "test.down";
    static final long BROADCAST_EVERY_MICROS = 100_000;

    /**
     * A node: the overlay, a log of what it delivered, and test timers that play the parts of the
     * workload and of membership: one makes it broadcast {@code broadcasts} times, every
     * {@value #BROADCAST_EVERY_MICROS} us; one tells its overlay the members of {@code otherSide} are
     * dead, one that they are back (as SWIM does when a partition starts and heals).
     */
    private static final class Node implements Process, Overlay.Delivery {
        final PartialView overlay = new PartialView(VIEWS, 100_000, 300_000, this);
        final TreeSet<String> delivered = new TreeSet<>();
        final long broadcastAtMicros;
        final int broadcasts;
        final List<NodeId> otherSide;
        final long downAtMicros;
        final long rejoinAtMicros;
        int sent;

        Node(long broadcastAtMicros, int broadcasts, List<NodeId> otherSide, long downAtMicros, long rejoinAtMicros) {
            this.broadcastAtMicros = broadcastAtMicros;
            this.broadcasts = broadcasts;
            this.otherSide = otherSide;
            this.downAtMicros = downAtMicros;
            this.rejoinAtMicros = rejoinAtMicros;
        }

        @Override
        public void onStart(NodeContext ctx) {
            overlay.onStart(ctx);
            if (broadcastAtMicros > ctx.nowMicros()) {
                ctx.setTimer(BROADCAST_TIMER, broadcastAtMicros - ctx.nowMicros());
            }
            if (rejoinAtMicros > ctx.nowMicros()) {
                ctx.setTimer(DOWN_TIMER, downAtMicros - ctx.nowMicros());
                ctx.setTimer(REJOIN_TIMER, rejoinAtMicros - ctx.nowMicros());
            }
        }

        @Override
        public void onMessage(NodeContext ctx, NodeId from, Message message) {
            overlay.onMessage(ctx, from, message);
        }

        @Override
        public void onTimer(NodeContext ctx, TimerId timer) {
            if (timer.name().equals(BROADCAST_TIMER)) {
                sent++;
                overlay.broadcast(ctx, (ctx.self() + " #" + sent).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (sent < broadcasts) {
                    ctx.setTimer(BROADCAST_TIMER, BROADCAST_EVERY_MICROS);
                }
            } else if (timer.name().equals(DOWN_TIMER)) {
                for (NodeId member : otherSide) {
                    overlay.memberDown(ctx, member);
                }
            } else if (timer.name().equals(REJOIN_TIMER)) {
                for (NodeId member : otherSide) {
                    overlay.memberUp(ctx, member);
                }
            } else {
                overlay.onTimer(ctx, timer);
            }
        }

        @Override
        public void deliver(NodeContext ctx, NodeId origin, byte[] payload) {
            delivered.add(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static final class Mesh {
        final List<NodeId> ids = new ArrayList<>();
        final TreeMap<NodeId, Node> nodes = new TreeMap<>();
        final Simulation sim;

        /**
         * {@code broadcasters} nodes (n1, n2, ...) broadcast {@code broadcasts} times from
         * {@code broadcastAtMicros}; with {@code downAtMicros} above 0, membership tells each half of
         * the nodes that the other half is dead then, and back at {@code rejoinAtMicros}.
         */
        Mesh(int n, long seed, double loss, int broadcasters, long broadcastAtMicros, int broadcasts,
             long downAtMicros, long rejoinAtMicros) {
            SimulationBuilder b = Simulation.builder(seed,
                    new LinkModel(new LatencyDistribution.LogNormal(3_000, 30_000), loss, 0, 0));
            for (int i = 1; i <= n; i++) {
                ids.add(NodeId.of("n" + i));
            }
            for (int i = 1; i <= n; i++) {
                NodeId id = ids.get(i - 1);
                long at = i <= broadcasters ? broadcastAtMicros : -1;
                List<NodeId> otherSide = i <= n / 2 ? ids.subList(n / 2, n) : ids.subList(0, n / 2);
                b.node(id, () -> {
                    Node node = new Node(at, broadcasts, otherSide, downAtMicros, rejoinAtMicros);
                    nodes.put(id, node);
                    return node;
                }, new OverlayCodec());
            }
            sim = b.build();
        }

        /** Nodes reachable from the first over active links, by breadth-first search. */
        int reachable() {
            TreeSet<NodeId> seen = new TreeSet<>();
            ArrayDeque<NodeId> todo = new ArrayDeque<>();
            todo.add(ids.get(0));
            seen.add(ids.get(0));
            while (!todo.isEmpty()) {
                for (NodeId next : nodes.get(todo.poll()).overlay.neighbours()) {
                    if (seen.add(next)) {
                        todo.add(next);
                    }
                }
            }
            return seen.size();
        }
    }

    @Test
    void viewsFormOneConnectedOverlayWithinTheirBounds() {
        for (long seed = 1; seed <= 10; seed++) {
            Mesh m = new Mesh(200, seed, 0.01, 0, -1, 0, -1, -1);
            m.sim.runUntil(15_000_000);
            assertEquals(200, m.reachable(), "seed " + seed + ": every node reachable over active links");
            int asymmetric = 0;
            for (NodeId id : m.ids) {
                List<NodeId> active = m.nodes.get(id).overlay.neighbours();
                assertTrue(!active.isEmpty() && active.size() <= VIEWS.activeSize(), "seed " + seed + ": " + id + " " + active);
                assertTrue(m.nodes.get(id).overlay.passive().size() <= VIEWS.passiveSize());
                for (NodeId peer : active) {
                    if (!m.nodes.get(peer).overlay.neighbours().contains(id)) {
                        asymmetric++;
                    }
                }
            }
            // Links change while messages about them are in flight; a few may be one-sided for a moment.
            assertTrue(asymmetric <= 10, "seed " + seed + ": " + asymmetric + " one-sided links");
        }
    }

    @Test
    void broadcastsReachEveryNodeUnderLossOnceTheTreeIsPruned() {
        // Twenty nodes broadcast ten times a second for five seconds: the eager links prune down to a
        // tree early on, and with 5% loss a node whose tree link drops a copy must still get it.
        for (long seed = 1; seed <= 10; seed++) {
            Mesh m = new Mesh(100, seed, 0.05, 20, 10_000_000, 50, -1, -1);
            m.sim.runUntil(18_000_000);
            for (NodeId id : m.ids) {
                int own = Integer.parseInt(id.name().substring(1)) <= 20 ? 50 : 0;
                assertEquals(20 * 50 - own, m.nodes.get(id).delivered.size(), "seed " + seed + ": " + id);
            }
        }
    }

    @Test
    void aMeshSplitByAPartitionJoinsUpAfterItHeals() {
        for (long seed = 1; seed <= 10; seed++) {
            Mesh m = new Mesh(60, seed, 0.0, 0, -1, 0, 9_500_000, 20_100_000);
            m.sim.runUntil(8_000_000);
            m.sim.partition(List.of(m.ids.subList(0, 30), m.ids.subList(30, 60)));
            m.sim.runUntil(20_000_000);
            assertTrue(m.reachable() <= 30, "seed " + seed + ": the sides drop each other");
            m.sim.heal();
            m.sim.runUntil(25_000_000);
            assertEquals(60, m.reachable(), "seed " + seed + ": one overlay again");
        }
    }
}
