package io.mycel.scenario;

import io.mycel.power.Battery;
import io.mycel.power.BatterySpec;
import io.mycel.power.DeviceProfile;
import io.mycel.power.DeviceProfiles;
import io.mycel.power.LoRaAirtime;
import io.mycel.power.NodeEnergy;
import io.mycel.power.SolarHarvester;
import io.mycel.power.SolarSky;
import java.util.function.IntToLongFunction;

/**
 * A scenario's {@code nodes.power}: every server node on a battery, with an optional solar panel,
 * instead of mains. Devices are built-in profiles or profile files of the user's (absolute paths);
 * frames take LoRa airtime at a spreading factor, or their bits at a bitrate.
 *
 * @param radio null when the board's figures hold its radio
 * @param loraSpreadingFactor 0 when frames are timed by {@code bitsPerSecond}
 * @param solar null for no harvest
 * @param dutyCycle the share of any hour a node's radio may be on air (1 for no limit)
 * @param perNode the whole power settings of the nodes that differ from these, by node name
 */
public record PowerSpec(String board, String radio, int loraSpreadingFactor, long bitsPerSecond, double initialSoc,
                        double capacityAh, Solar solar, long microsPerHandler, double microsPerByte, double lowSoc,
                        double dutyCycle, java.util.Map<String, PowerSpec> perNode) {

    public PowerSpec {
        perNode = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(perNode));
    }

    /** The same settings, with these nodes' own. */
    public PowerSpec withPerNode(java.util.Map<String, PowerSpec> specs) {
        return new PowerSpec(board, radio, loraSpreadingFactor, bitsPerSecond, initialSoc, capacityAh, solar, microsPerHandler,
                microsPerByte, lowSoc, dutyCycle, specs);
    }

    /** The settings of this node: its own if it has any, else these. */
    public PowerSpec of(io.mycel.node.api.NodeId node) {
        return perNode.getOrDefault(node.name(), this);
    }

    /**
     * Supplies for the nodes of one run, each node by its own settings; all share the one sky, whose
     * clouds come from the seed.
     */
    public java.util.function.Function<io.mycel.node.api.NodeId, NodeEnergy> suppliesByNode(long seed) {
        java.util.function.Supplier<NodeEnergy> shared = supplies(seed);
        java.util.Map<String, java.util.function.Supplier<NodeEnergy>> own = new java.util.TreeMap<>();
        perNode.forEach((name, spec) -> own.put(name, spec.supplies(seed)));
        return node -> own.getOrDefault(node.name(), shared).get();
    }

    /** The sun: where and when the run starts, how cloudy days may be, and the panel. */
    public record Solar(double latitudeDeg, int day, double startHour, double clearnessMin, double clearnessMax,
                        double panelWatts, double chainEfficiency) {
    }

    /**
     * Supplies for the nodes of one run: the sky's clouds come from the run's seed, and every node
     * shares the one sky, panel model and cell specification (each node has its own battery).
     */
    public java.util.function.Supplier<NodeEnergy> supplies(long seed) {
        // Profile files were made absolute at load.
        DeviceProfile boardProfile = DeviceProfiles.named(board, null);
        DeviceProfile.Radio radioProfile = radio == null ? null : DeviceProfiles.named(radio, null).radio();
        BatterySpec cell = BatterySpec.liIon18650();
        BatterySpec spec = capacityAh == cell.capacityAh() ? cell : new BatterySpec(cell.name(), capacityAh, cell.nominalVolts(),
                cell.ocvSoc(), cell.ocvVolts(), cell.internalOhms(), cell.cutoffVolts(), cell.recoverVolts(), cell.chargeEfficiency());
        SolarHarvester harvester = solar == null ? null : new SolarHarvester(new SolarSky(solar.latitudeDeg(), solar.day(),
                solar.startHour(), solar.clearnessMin(), solar.clearnessMax(), seed), solar.panelWatts(), solar.chainEfficiency(),
                60_000_000L);
        IntToLongFunction airtime;
        if (loraSpreadingFactor > 0) {
            LoRaAirtime lora = LoRaAirtime.lorawan(loraSpreadingFactor);
            airtime = lora::micros;
        } else {
            long bps = bitsPerSecond;
            airtime = bytes -> (bytes * 8_000_000L + bps - 1) / bps;
        }
        NodeEnergy.CostModel costs = new NodeEnergy.CostModel(microsPerHandler, microsPerByte);
        return () -> new NodeEnergy(new Battery(spec, initialSoc), harvester, boardProfile.cpu(), radioProfile, airtime, costs, lowSoc, dutyCycle);
    }
}
