package io.mycel.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.Message;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.TimerId;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.sim.LatencyDistribution;
import io.mycel.sim.LinkModel;
import io.mycel.sim.NodeStatus;
import io.mycel.sim.Simulation;
import io.mycel.sim.TraceSink;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A battery-powered node in the simulator: it browns out when the model says, and comes back with the sun. */
class NodeEnergySimulationTest {

    private static final NodeId N1 = NodeId.of("n1");
    private static final long HOUR = 3_600_000_000L;

    /** Wakes every minute and does nothing else; counts the power changes it is told of. */
    static final class Idler implements Process {
        final List<Boolean> lowChanges;

        Idler(List<Boolean> lowChanges) {
            this.lowChanges = lowChanges;
        }

        @Override
        public void onStart(NodeContext ctx) {
            ctx.storage().put("unsynced", new byte[] {1});
            ctx.setTimer("tick", 60_000_000L);
        }

        @Override
        public void onMessage(NodeContext ctx, NodeId from, Message message) {
        }

        @Override
        public void onTimer(NodeContext ctx, TimerId timer) {
            ctx.setTimer("tick", 60_000_000L);
        }

        @Override
        public void onPowerChange(NodeContext ctx) {
            lowChanges.add(ctx.power().isLow());
        }
    }

    static final MessageCodec NO_MESSAGES = new MessageCodec() {
        @Override
        public void encode(Message message, WireWriter out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Message decode(WireReader in) {
            throw new UnsupportedOperationException();
        }
    };

    /** Records the times of one trace record type. */
    static final class Times implements TraceSink {
        final List<String> types = new ArrayList<>();
        final List<Long> times = new ArrayList<>();

        @Override
        public void record(long timeMicros, String type, Object... fields) {
            if (type.equals("brown-out") || type.equals("power-restored") || type.equals("crash") || type.equals("restart")) {
                types.add(type);
                times.add(timeMicros);
            }
        }

        @Override
        public boolean enabled() {
            return true;
        }
    }

    private static NodeEnergy energy(double soc, SolarHarvester sun) {
        DeviceProfile zero = DeviceProfiles.builtIn("pi-zero-2w");
        return new NodeEnergy(new Battery(BatterySpec.liIon18650(), soc), sun, zero.cpu(), null, bytes -> 0,
                new NodeEnergy.CostModel(2_000, 0), 0.3, 1.0);
    }

    @Test
    void withoutHarvestTheNodeBrownsOutWhenTheBatteryModelSaysAndStaysDown() {
        NodeEnergy supply = energy(0.05, null);
        // Idle draw plus one 2 ms busy core a minute: the battery model's own figure for when it ends.
        double load = 0.6;
        double perTick = 0.5 * 0.002;
        Battery alone = new Battery(BatterySpec.liIon18650(), 0.05);
        long expected = alone.microsUntilBrownOut(load + perTick / 60, 0);
        List<Boolean> changes = new ArrayList<>();
        Times trace = new Times();
        Simulation sim = Simulation.builder(1, LinkModel.reliable(new LatencyDistribution.Constant(1_000)))
                .node(N1, () -> new Idler(changes), NO_MESSAGES).energy(N1, supply).trace(trace).build();
        sim.runUntil(24 * HOUR);
        assertEquals(List.of("brown-out", "crash"), trace.types);
        // Bursts come each minute, not spread evenly: the real time lies within a minute of the even spread.
        assertEquals(expected, trace.times.get(0), 60_000_000L);
        assertEquals(NodeStatus.DOWN, sim.status(N1));
        assertFalse(sim.restart(N1), "no power, no restart by a fault");
        assertTrue(supply.battery().brownedOut(load));
        assertEquals(List.of(), changes, "it was low from the start: no crossing to tell");
    }

    @Test
    void theSunBringsABrownedOutNodeBackAndEveryJouleIsAccountedFor() {
        SolarHarvester sun = SolarHarvester.smallPanel(SolarSky.clear(45, 172, 18));   // starts at 18:00 in June
        NodeEnergy supply = energy(0.08, sun);
        List<Boolean> changes = new ArrayList<>();
        Times trace = new Times();
        Simulation sim = Simulation.builder(1, LinkModel.reliable(new LatencyDistribution.Constant(1_000)))
                .node(N1, () -> new Idler(changes), NO_MESSAGES).energy(N1, supply).trace(trace).build();
        sim.runUntil(36 * HOUR);
        assertEquals(List.of("brown-out", "crash", "power-restored", "restart"), trace.types.subList(0, 4), trace.types.toString());
        long brownOut = trace.times.get(0);
        long restored = trace.times.get(2);
        assertTrue(brownOut < 12 * HOUR, "browned out in the night: " + brownOut / 3.6e9 + " h after 18:00");
        assertTrue(restored > 10 * HOUR && restored < 20 * HOUR, "back in the morning sun: " + restored / 3.6e9 + " h after 18:00");
        Battery b = supply.battery();
        double start = 0.08 * BatterySpec.liIon18650().capacityJoules();
        assertEquals(0, b.harvestedJoules() - (b.storedJoules() - start) - b.spentJoules() - b.chargeLossJoules() - b.clippedJoules(),
                1e-6 * b.harvestedJoules());
        assertTrue(changes.contains(false), "told when it was no longer low: " + changes);
    }
}
