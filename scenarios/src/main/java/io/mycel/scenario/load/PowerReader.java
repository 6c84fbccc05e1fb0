package io.mycel.scenario.load;

import io.mycel.power.DeviceProfile;
import io.mycel.power.DeviceProfiles;
import io.mycel.scenario.PowerSpec;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads {@code nodes.power}:
 *
 * <pre>
 * power:
 *   board: esp32-wifi            # a built-in profile with a CPU, or a profile file: my-board.yaml
 *   radio: sx1276                # optional, a built-in profile with a radio
 *   lora-sf: 7                   # frames take LoRa airtime (LoRaWAN defaults); or bitrate: 1000000 (bits/s)
 *   battery: {soc: 0.8, capacity-ah: 2.45}   # a Li-ion 18650 cell; capacity optional
 *   solar: {latitude: 45, day: 172, start-hour: 6, clearness: 0.3..0.9, panel-watts: 2, efficiency: 0.7}
 *   cost: {per-handler: 2ms, per-byte: 1us}  # CPU time a handler costs, at one busy core
 *   low-soc: 0.3                 # below this, ctx.power().isLow()
 *   duty-cycle: 0.01             # share of any hour the radio may be on air: 0.01 (EU868) with lora-sf, else 1
 *   nodes:                       # per node, the fields that differ (merged into the ones above)
 *     n1: {board: pi-4b, battery: {capacity-ah: 10}, solar: {panel-watts: 10}}
 * </pre>
 */
final class PowerReader {

    private final Values values;
    private final java.nio.file.Path baseDir;

    /** @param baseDir the scenario's folder, against which profile files are found */
    PowerReader(Values values, java.nio.file.Path baseDir) {
        this.values = values;
        this.baseDir = baseDir;
    }

    /**
     * The power section, with its per-node changes: {@code nodes: {n1: {board: pi-4b, battery: {soc: 1}}}}
     * gives node n1 every field of the section but those it names, merged field by field (so
     * {@code solar: {panel-watts: 10}} keeps the section's sun and changes the panel).
     */
    PowerSpec read(Node node, java.util.List<io.mycel.node.api.NodeId> ids) {
        if (node == null) {
            return null;
        }
        Fields f = new Fields(node, "nodes.power", values.problems());
        Node perNode = f.get("nodes");
        Node shared = node instanceof MappingNode m ? YamlMerge.without(m, "nodes") : node;
        PowerSpec base = readOne(shared, "nodes.power");
        if (perNode == null || base == null) {
            return base;   // a mistake in the shared fields is reported once, not again for each node
        }
        Fields per = new Fields(perNode, f.field("nodes"), values.problems());
        java.util.Map<String, PowerSpec> specs = new java.util.TreeMap<>();
        for (String name : per.keys()) {
            Node override = per.get(name);
            if (ids.stream().noneMatch(id -> id.name().equals(name))) {
                values.problems().add(per.keyNode(name), per.field(name), "a node of this scenario, one of "
                        + ids.stream().map(io.mycel.node.api.NodeId::name).toList());
            } else if (!(override instanceof MappingNode o) || !(shared instanceof MappingNode sh)) {
                values.problems().add(override == null ? per.keyNode(name) : override, per.field(name),
                        "a mapping of the power fields this node has otherwise, such as {battery: {soc: 0.5}}");
            } else if (new Fields(o, per.field(name), new Problems("")).has("nodes")) {
                values.problems().add(o, per.field(name), "power fields for this node; per-node changes do not nest");
            } else {
                PowerSpec spec = readOne(YamlMerge.merge(sh, o), per.field(name));
                if (spec != null) {
                    specs.put(name, spec);
                }
            }
        }
        return base.withPerNode(specs);
    }

    private PowerSpec readOne(Node node, String path) {
        Problems problems = values.problems();
        int before = problems.size();
        Fields f = new Fields(node, path, problems);
        String board = profile(f, "board", true, true);
        String radio = profile(f, "radio", false, false);
        int sf = 0;
        long bps = 0;
        if (f.has("lora-sf") == f.has("bitrate")) {
            problems.add(node, "nodes.power", "one of lora-sf (7 to 12) or bitrate (bits per second), to time frames on air");
        } else if (f.has("lora-sf")) {
            sf = (int) values.integer(f.get("lora-sf"), f.field("lora-sf"), 7, 12);
        } else {
            bps = values.integer(f.get("bitrate"), f.field("bitrate"), 1, 10_000_000_000L);
        }
        double soc = 1;
        double capacity = 2.45;
        if (f.has("battery")) {
            Fields b = new Fields(f.get("battery"), f.field("battery"), problems);
            soc = b.has("soc") ? values.probability(b.get("soc"), b.field("soc")) : 1;
            capacity = b.has("capacity-ah") ? positive(b, "capacity-ah") : 2.45;
            b.rejectUnknown();
        }
        PowerSpec.Solar solar = f.has("solar") ? solar(new Fields(f.get("solar"), f.field("solar"), problems)) : null;
        long perHandler = 1_000;
        long perByte = 0;
        if (f.has("cost")) {
            Fields c = new Fields(f.get("cost"), f.field("cost"), problems);
            perHandler = c.has("per-handler") ? values.duration(c.get("per-handler"), c.field("per-handler")) : 1_000;
            perByte = c.has("per-byte") ? values.duration(c.get("per-byte"), c.field("per-byte")) : 0;
            c.rejectUnknown();
        }
        double low = f.has("low-soc") ? values.probability(f.get("low-soc"), f.field("low-soc")) : 0.3;
        // LoRa in EU868's common sub-bands may be on air 1 % of any hour; other links have no such rule.
        double duty = sf > 0 ? 0.01 : 1.0;
        if (f.has("duty-cycle")) {
            int problemsBefore = problems.size();
            duty = values.probability(f.get("duty-cycle"), f.field("duty-cycle"));
            if (duty == 0 && problems.size() == problemsBefore) {
                problems.add(f.get("duty-cycle"), f.field("duty-cycle"), "a share of time above 0 (1 for no limit)");
            }
        }
        f.rejectUnknown();
        if (problems.size() > before) {
            return null;
        }
        return new PowerSpec(board, radio, sf, bps, soc, capacity, solar, perHandler, perByte, low, duty, java.util.Map.of());
    }

    private PowerSpec.Solar solar(Fields s) {
        double latitude = s.has("latitude") ? values.number(s.get("latitude"), s.field("latitude")) : 45;
        if (latitude < -90 || latitude > 90) {
            values.problems().add(s.get("latitude"), s.field("latitude"), "a latitude in [-90, 90], got " + latitude);
        }
        int day = s.has("day") ? (int) values.integer(s.get("day"), s.field("day"), 1, 366) : 172;
        double hour = s.has("start-hour") ? values.number(s.get("start-hour"), s.field("start-hour")) : 0;
        if (hour < 0 || hour >= 24) {
            values.problems().add(s.get("start-hour"), s.field("start-hour"), "an hour in [0, 24), got " + hour);
        }
        double[] clearness = s.has("clearness") ? values.probabilityRange(s.get("clearness"), s.field("clearness")) : new double[] {1, 1};
        double panel = s.has("panel-watts") ? positive(s, "panel-watts") : 2;
        double efficiency = s.has("efficiency") ? values.probability(s.get("efficiency"), s.field("efficiency")) : 0.7;
        if (efficiency == 0) {
            values.problems().add(s.get("efficiency"), s.field("efficiency"), "an efficiency above 0");
        }
        s.rejectUnknown();
        return new PowerSpec.Solar(latitude, day, hour, clearness[0], clearness[1], panel, efficiency);
    }

    private double positive(Fields f, String key) {
        double v = values.number(f.get(key), f.field(key));
        if (!(v > 0)) {
            values.problems().add(f.get(key), f.field(key), "a number above 0, got " + v);
        }
        return v;
    }

    /**
     * A built-in profile's name, or a profile file of the user's (a path ending in .yaml, relative to
     * the scenario's folder), checked to have what the field needs. A file comes back absolute, so the
     * scenario written for a run finds it from anywhere.
     */
    private String profile(Fields f, String key, boolean cpu, boolean required) {
        String expected = "a built-in device profile, one of " + DeviceProfiles.BUILT_IN + ", or a profile file (a path ending in .yaml)";
        Node node = required ? f.require(key, expected) : f.get(key);
        if (node == null) {
            return null;
        }
        String name = values.text(node, f.field(key));
        if (name == null) {
            return null;
        }
        if (!DeviceProfiles.isFile(name) && !DeviceProfiles.BUILT_IN.contains(name)) {
            values.problems().add(node, f.field(key), expected + ", got '" + name + "'");
            return null;
        }
        DeviceProfile p;
        try {
            p = DeviceProfiles.named(name, baseDir);
        } catch (IllegalArgumentException e) {
            values.problems().add(node, f.field(key), "a readable device profile: " + e.getMessage());
            return null;
        }
        if (DeviceProfiles.isFile(name)) {
            name = DeviceProfiles.resolve(name, baseDir).toString();
        }
        if (cpu ? p.cpu() == null : p.radio() == null) {
            values.problems().add(node, f.field(key), "a profile with " + (cpu ? "a CPU" : "a radio") + "; " + name + " has none");
            return null;
        }
        return name;
    }
}
