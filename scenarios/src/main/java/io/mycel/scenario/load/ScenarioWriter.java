package io.mycel.scenario.load;

import io.mycel.faults.FaultPlan;
import io.mycel.faults.LatencyYaml;
import io.mycel.node.api.ConfigOption;
import io.mycel.node.api.Durations;
import io.mycel.node.api.NodeId;
import io.mycel.scenario.PowerSpec;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.run.CheckCatalog;
import io.mycel.sim.LinkModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a scenario back as a file the loader reads to the same scenario: for a drawn scenario,
 * saved with its run, and for a shrunk one, to commit as a regression test. Random nemeses are not
 * written; the caller gives the fault plan they drew for the seed, as fixed faults, so the file
 * replays that one run. Program options are written only where they differ from their defaults.
 */
public final class ScenarioWriter {

    private ScenarioWriter() {
    }

    /**
     * @param comment lines put at the top as YAML comments (may be empty)
     * @param seed the one seed the file runs
     * @param faults the whole fault schedule, random draws included
     */
    public static String toYaml(Scenario s, String comment, long seed, FaultPlan faults) {
        StringBuilder out = new StringBuilder();
        for (String line : comment.lines().toList()) {
            out.append("# ").append(line).append('\n');
        }
        out.append("name: ").append(s.name()).append('\n');
        if (!s.description().isEmpty()) {
            out.append("description: ").append(quoted(s.description())).append('\n');
        }
        out.append("seed: ").append(seed).append('\n');
        out.append("duration: ").append(Durations.format(s.durationMicros())).append('\n');
        nodes(out, s.nodes());
        network(out, s.network());
        if (!faults.steps().isEmpty()) {
            out.append("faults:\n").append(faults.toYaml().indent(2));
        }
        workload(out, s.workload());
        checks(out, s);
        if (!s.expectedFailures().isEmpty()) {
            List<String> expected = s.checks().stream().filter(s.expectedFailures()::contains).toList();
            out.append("expect:\n  fail: [").append(String.join(", ", expected)).append("]\n");
        }
        if (s.modelCheck() != null) {
            out.append(ModelCheckWriter.toYaml(s.modelCheck()));
        }
        return out.toString();
    }

    /** One step of a model-check schedule on one line, as a file writes it. */
    public static String scheduleStep(io.mycel.scenario.ModelCheck.ScheduledStep step) {
        return ModelCheckWriter.stepText(step);
    }

    private static void nodes(StringBuilder out, Scenario.Nodes nodes) {
        out.append("nodes:\n");
        List<NodeId> ids = nodes.ids();
        boolean numbered = true;
        for (int i = 0; i < ids.size(); i++) {
            numbered &= ids.get(i).name().equals("n" + (i + 1));
        }
        if (numbered) {
            out.append("  count: ").append(ids.size()).append('\n');
        } else {
            out.append("  names: [").append(String.join(", ", ids.stream().map(NodeId::name).toList())).append("]\n");
        }
        out.append("  program: ").append(nodes.program().name()).append('\n');
        List<String> given = new ArrayList<>();
        for (ConfigOption option : nodes.program().options()) {
            String value = nodes.config().values().get(option.name());
            if (value != null && !value.equals(option.defaultValue())) {
                given.add(option.name() + ": " + quoted(value));
            }
        }
        if (!given.isEmpty()) {
            out.append("  config: {").append(String.join(", ", given)).append("}\n");
        }
        if (nodes.power() != null) {
            out.append(power(nodes.power()));
        }
        if (!nodes.clocks().isEmpty()) {
            out.append("  clocks:\n");
            for (Map.Entry<NodeId, Scenario.Clock> e : nodes.clocks().entrySet()) {
                out.append("    ").append(e.getKey().name()).append(": {offset: ").append(Durations.format(e.getValue().offsetMicros()))
                        .append(", drift-ppm: ").append(e.getValue().driftPpm()).append("}\n");
            }
        }
        if (!nodes.positions().isEmpty()) {
            out.append("  positions:\n");
            nodes.positions().forEach((id, p) -> out.append("    ").append(id.name()).append(": [").append(p.x()).append(", ")
                    .append(p.y()).append("]\n"));
        }
    }

    private static String power(PowerSpec p) {
        StringBuilder out = new StringBuilder("  power:\n").append(powerFields(p).indent(4));
        if (!p.perNode().isEmpty()) {
            // Each node's whole settings, not just what differs: merged over the shared ones, they read the same.
            out.append("    nodes:\n");
            p.perNode().forEach((name, spec) -> out.append("      ").append(name).append(":\n").append(powerFields(spec).indent(8)));
        }
        return out.toString();
    }

    private static String powerFields(PowerSpec p) {
        StringBuilder out = new StringBuilder("board: ").append(p.board()).append('\n');
        if (p.radio() != null) {
            out.append("radio: ").append(p.radio()).append('\n');
        }
        out.append(p.loraSpreadingFactor() > 0 ? "lora-sf: " + p.loraSpreadingFactor() : "bitrate: " + p.bitsPerSecond()).append('\n');
        out.append("battery: {soc: ").append(p.initialSoc()).append(", capacity-ah: ").append(p.capacityAh()).append("}\n");
        PowerSpec.Solar s = p.solar();
        if (s != null) {
            out.append("solar: {latitude: ").append(s.latitudeDeg()).append(", day: ").append(s.day()).append(", start-hour: ")
                    .append(s.startHour()).append(", clearness: ").append(s.clearnessMin()).append("..").append(s.clearnessMax())
                    .append(", panel-watts: ").append(s.panelWatts()).append(", efficiency: ").append(s.chainEfficiency()).append("}\n");
        }
        out.append("cost: {per-handler: ").append(Durations.format(p.microsPerHandler())).append(", per-byte: ")
                .append(Durations.format((long) p.microsPerByte())).append("}\n");
        out.append("low-soc: ").append(p.lowSoc()).append('\n');
        out.append("duty-cycle: ").append(p.dutyCycle()).append('\n');
        return out.toString();
    }

    private static void network(StringBuilder out, Scenario.Network network) {
        out.append("network:\n").append(link(network.defaultLink()).indent(2));
        if (!network.links().isEmpty()) {
            out.append("  links:\n");
            for (Scenario.Link l : network.links()) {
                String fields = String.join(", ", link(l.model()).lines().toList());
                out.append("    - {from: ").append(l.from().name()).append(", to: ").append(l.to().name()).append(", ")
                        .append(fields).append("}\n");
            }
        }
        io.mycel.sim.HandshakeModel h = network.secureLinks();
        if (h != null) {
            out.append("  secure-links:\n    resumption: ").append(h.resumption()).append("\n    retransmit: ")
                    .append(Durations.format(h.retransmitMicros())).append('\n');
            out.append("    full: ").append(cost(h.full())).append("\n    resumed: ").append(cost(h.resumed())).append('\n');
        }
    }

    private static String cost(io.mycel.sim.HandshakeModel.Cost c) {
        return "{hello-bytes: " + c.helloBytes() + ", server-flight-bytes: " + c.serverFlightBytes() + ", client-flight-bytes: "
                + c.clientFlightBytes() + ", ticket-bytes: " + c.ticketBytes() + ", initiator-cpu: "
                + Durations.format(c.initiatorCpuMicros()) + ", responder-cpu: " + Durations.format(c.responderCpuMicros()) + "}";
    }

    /** A link's four fields, one a line. */
    private static String link(LinkModel m) {
        return "latency: " + LatencyYaml.of(m.latency()) + "\nloss: " + m.loss() + "\nduplicate: " + m.duplicate()
                + "\nreorder: " + m.reorder() + "\n";
    }

    private static void workload(StringBuilder out, Scenario.Workload w) {
        if (w.mix().isEmpty()) {
            return;
        }
        out.append("workload:\n  clients: ").append(w.clients()).append("\n  rate: ").append(w.ratePerSecond()).append("/s\n");
        List<String> mix = new ArrayList<>();
        w.mix().forEach((op, weight) -> mix.add(op + ": " + weight));
        out.append("  mix: {").append(String.join(", ", mix)).append("}\n");
        out.append("  timeout: ").append(Durations.format(w.timeoutMicros())).append('\n');
        if (w.only() != null) {
            List<String> clients = new ArrayList<>();
            w.only().forEach((client, ops) -> clients.add(client + ": " + ops));
            out.append("  only: {").append(String.join(", ", clients)).append("}\n");
        }
    }

    private static void checks(StringBuilder out, Scenario s) {
        if (s.checks().isEmpty()) {
            return;
        }
        out.append("checks:\n");
        boolean settleWritten = false;
        for (String name : s.checks()) {
            CheckCatalog.Entry entry = CheckCatalog.get(name);
            if (entry != null && entry.argument() == CheckCatalog.Argument.RATIO) {
                out.append("  - ").append(name).append(": ")
                        .append(java.math.BigDecimal.valueOf(s.checkBoundsMicros().get(name), 3).stripTrailingZeros().toPlainString())
                        .append('\n');
            } else if (entry != null && entry.argument() == CheckCatalog.Argument.BOUND) {
                out.append("  - ").append(name).append(": ").append(Durations.format(s.checkBoundsMicros().get(name))).append('\n');
            } else if (entry != null && entry.argument() == CheckCatalog.Argument.SETTLE && !settleWritten) {
                out.append("  - ").append(name).append(": ").append(Durations.format(s.settleMicros())).append('\n');
                settleWritten = true;
            } else {
                out.append("  - ").append(name).append('\n');
            }
        }
    }

    /** A plain scalar when YAML reads it back as the same text, else double-quoted. */
    private static String quoted(String text) {
        if (text.matches("[A-Za-z0-9][A-Za-z0-9 ._/'()-]*") && !text.contains(": ") && !text.contains(" #")) {
            return text;
        }
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
