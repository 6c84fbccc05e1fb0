package io.mycel.node.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.sim.LatencyDistribution;
import io.mycel.sim.LinkModel;
import io.mycel.sim.Simulation;
import io.mycel.sim.SimulationBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SWIM on its own, in the simulator, over many seeds: crashed members are found within the bound
 * the protocol gives, restarted ones come back, live ones are not declared dead under loss, and
 * messages stay small however much news there is.
 */
class SwimTest {

    static final long PERIOD_MICROS = 200_000;
    static final SwimConfig CONFIG = new SwimConfig(PERIOD_MICROS, 60_000, 3, 4, 8, 3);

    /** A cluster of SWIM processes, each one's latest instance kept for inspection. */
    private static final class Cluster {
        final List<NodeId> ids = new ArrayList<>();
        final Swim[] swims;
        final List<String> deaths = new ArrayList<>();
        final Simulation sim;
        int largestFrameBytes;

        Cluster(int n, long seed, double loss) {
            swims = new Swim[n];
            SimulationBuilder b = Simulation.builder(seed,
                    new LinkModel(new LatencyDistribution.LogNormal(3_000, 30_000), loss, 0, 0));
            MessageCodec measuring = new MeasuringCodec(new SwimCodec(), this);
            for (int i = 0; i < n; i++) {
                int index = i;
                NodeId id = NodeId.of("n" + (i + 1));
                ids.add(id);
                b.node(id, () -> {
                    swims[index] = new Swim(CONFIG, new Membership.Listener() {
                        @Override
                        public void memberDown(NodeContext ctx, NodeId node) {
                            deaths.add(ctx.self() + " declared " + node + " dead at " + ctx.nowMicros());
                        }

                        @Override
                        public void memberUp(NodeContext ctx, NodeId node) {
                        }
                    });
                    return swims[index];
                }, measuring);
            }
            sim = b.build();
        }

        Swim swim(String name) {
            return swims[ids.indexOf(NodeId.of(name))];
        }
    }

    /** Passes everything to the real codec, noting the largest frame. */
    private record MeasuringCodec(MessageCodec inner, Cluster cluster) implements MessageCodec {
        @Override
        public void encode(Message message, WireWriter out) {
            int before = out.size();
            inner.encode(message, out);
            cluster.largestFrameBytes = Math.max(cluster.largestFrameBytes, out.size() - before);
        }

        @Override
        public Message decode(WireReader in) throws MalformedMessageException {
            return inner.decode(in);
        }
    }

    @Test
    void aCrashedMemberIsDeclaredDeadByEveryoneWithinTheSuspicionBound() {
        // A probe round robin visits a member within 2n periods at worst; then suspicion lasts
        // suspicionPeriods, and the verdict spreads within a few more periods.
        long bound = (2 * 10 + CONFIG.suspicionPeriods() + 4) * PERIOD_MICROS;
        for (long seed = 1; seed <= 20; seed++) {
            Cluster c = new Cluster(10, seed, 0.0);
            c.sim.runUntil(2_000_000);
            c.sim.crash(NodeId.of("n3"));
            c.sim.runUntil(2_000_000 + bound);
            for (NodeId id : c.ids) {
                if (!id.name().equals("n3")) {
                    assertEquals(MemberState.DEAD, c.swim(id.name()).stateOf(NodeId.of("n3")),
                            "seed " + seed + ": " + id + " after " + bound + " us");
                }
            }
        }
    }

    @Test
    void aRestartedMemberRefutesItsDeathAndComesBackEverywhere() {
        for (long seed = 1; seed <= 20; seed++) {
            Cluster c = new Cluster(8, seed, 0.02);
            c.sim.runUntil(2_000_000);
            c.sim.crash(NodeId.of("n5"));
            c.sim.runUntil(6_000_000);
            c.sim.restart(NodeId.of("n5"));
            c.sim.runUntil(9_000_000);
            assertTrue(c.swim("n5").incarnation() >= 1, "seed " + seed + ": a restart raises the incarnation");
            for (NodeId id : c.ids) {
                if (!id.name().equals("n5")) {
                    assertEquals(MemberState.ALIVE, c.swim(id.name()).stateOf(NodeId.of("n5")), "seed " + seed + ": " + id);
                }
            }
        }
    }

    @Test
    void noLiveMemberIsDeclaredDeadUnderTenPercentLoss() {
        for (long seed = 1; seed <= 20; seed++) {
            Cluster c = new Cluster(10, seed, 0.10);
            c.sim.runUntil(30_000_000);
            assertEquals(List.of(), c.deaths, "seed " + seed);
        }
    }

    @Test
    void aShortPauseIsSuspectedAtMostAndRefuted() {
        for (long seed = 1; seed <= 20; seed++) {
            Cluster c = new Cluster(6, seed, 0.0);
            c.sim.runUntil(2_000_000);
            c.sim.pause(NodeId.of("n2"));
            c.sim.runUntil(2_000_000 + 2 * PERIOD_MICROS);
            c.sim.resume(NodeId.of("n2"));
            c.sim.runUntil(5_000_000);
            assertEquals(List.of(), c.deaths, "seed " + seed);
            for (NodeId id : c.ids) {
                if (!id.name().equals("n2")) {
                    assertEquals(MemberState.ALIVE, c.swim(id.name()).stateOf(NodeId.of("n2")), "seed " + seed + ": " + id);
                }
            }
        }
    }

    @Test
    void messagesStayBoundedWhileManyMembersChangeAtOnce() {
        Cluster c = new Cluster(40, 3, 0.0);
        c.sim.runUntil(2_000_000);
        for (int i = 1; i <= 20; i++) {
            c.sim.crash(NodeId.of("n" + i));
        }
        c.sim.runUntil(8_000_000);
        for (int i = 1; i <= 20; i++) {
            c.sim.restart(NodeId.of("n" + i));
        }
        c.sim.runUntil(14_000_000);
        // 12 updates of a name of up to 3 characters, a state and an incarnation, plus the header.
        assertTrue(c.largestFrameBytes <= 12 * 16 + 16, "largest SWIM frame " + c.largestFrameBytes + " bytes");
        for (NodeId id : c.ids) {
            assertEquals(39, c.swim(id.name()).alive().size(), id + " sees everyone alive again");
        }
    }
}
