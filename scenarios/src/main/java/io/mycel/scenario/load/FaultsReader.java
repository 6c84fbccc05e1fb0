package io.mycel.scenario.load;

import io.mycel.faults.Fault;
import io.mycel.faults.FaultPlan;
import io.mycel.faults.RandomNemesis;
import io.mycel.node.api.Durations;
import io.mycel.node.api.NodeId;
import io.mycel.sim.LatencyDistribution;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads {@code faults}: a list whose items are either {@code {at: T, KIND: ...}} or
 * {@code {random: {...}}}.
 */
final class FaultsReader {

    static final List<String> KINDS = List.of("partition", "cut", "heal", "crash", "restart", "pause", "resume",
            "skew", "drift", "loss", "latency", "crash-leader", "pause-leader", "isolate-leader");

    private final Values values;
    private final NodeNames names;
    private final NetworkReader network;
    private final long durationMicros;
    private final double baseLoss;

    final List<FaultPlan.Step> steps = new ArrayList<>();
    final List<RandomNemesis> nemeses = new ArrayList<>();

    /** The program's administrative actions (such as remove-voter), which are faults too. */
    private final List<String> adminActions;

    FaultsReader(Values values, NodeNames names, NetworkReader network, long durationMicros, double baseLoss,
                 List<String> adminActions) {
        this.adminActions = List.copyOf(adminActions);
        this.values = values;
        this.names = names;
        this.network = network;
        this.durationMicros = durationMicros;
        this.baseLoss = baseLoss;
    }

    void read(Node node) {
        if (node == null) {
            return;
        }
        int i = 0;
        for (Node item : values.list(node, "faults", "faults such as {at: 5s, crash: n1}")) {
            Fields f = new Fields(item, "faults[" + i++ + "]", values.problems());
            if (f.has("random")) {
                nemesis(f.get("random"), f.field("random"));
            } else {
                scheduled(f);
            }
            f.rejectUnknown();
        }
    }

    private void scheduled(Fields f) {
        Node atNode = f.require("at", "the time of the fault, such as 5s");
        long at = atNode == null ? 0 : values.duration(atNode, f.field("at"));
        if (atNode != null && at > durationMicros) {
            values.problems().add(atNode, f.field("at"), "a time within the duration ("
                    + Durations.format(durationMicros) + "), got " + Durations.format(at));
        }
        List<String> kinds = new ArrayList<>(KINDS);
        kinds.addAll(adminActions);
        List<String> given = kinds.stream().filter(f::has).toList();
        if (given.size() != 1) {
            values.problems().add(f.node(), f.path(), "exactly one fault (" + String.join(", ", kinds) + ") or 'random'"
                    + (given.isEmpty() ? "; found none" : "; found " + String.join(" and ", given)));
            return;
        }
        String kind = given.get(0);
        Node v = f.get(kind);
        String field = f.field(kind);
        Fault fault = adminActions.contains(kind) ? node(v, field, id -> new Fault.Admin(kind, id)) : switch (kind) {
            case "partition" -> partition(v, field);
            case "cut" -> cut(v, field);
            case "heal" -> heal(v, field);
            case "crash" -> node(v, field, Fault.Crash::new);
            case "restart" -> node(v, field, Fault.Restart::new);
            case "pause" -> node(v, field, Fault.Pause::new);
            case "resume" -> node(v, field, Fault.Resume::new);
            case "skew" -> skew(v, field);
            case "drift" -> drift(v, field);
            case "loss" -> new Fault.Loss(values.probability(v, field));
            case "crash-leader" -> leaderFault(v, field, Fault.LeaderFault.Kind.CRASH);
            case "pause-leader" -> leaderFault(v, field, Fault.LeaderFault.Kind.PAUSE);
            case "isolate-leader" -> leaderFault(v, field, Fault.LeaderFault.Kind.ISOLATE);
            case "latency" -> {
                LatencyDistribution latency = network.latency(v, field);
                yield latency == null ? null : new Fault.Latency(latency);
            }
            default -> throw new IllegalStateException(kind);
        };
        if (fault != null) {
            steps.add(new FaultPlan.Step(at, fault));
        }
    }

    /** {@code crash-leader: 2s}: how long until the fault is mended. */
    private Fault leaderFault(Node v, String field, Fault.LeaderFault.Kind kind) {
        int before = values.problems().size();
        long forMicros = values.duration(v, field);
        if (values.problems().size() != before) {
            return null;
        }
        if (forMicros <= 0) {
            values.problems().add(v, field, "how long until it is mended, above 0, such as 2s");
            return null;
        }
        return new Fault.LeaderFault(kind, forMicros);
    }

    private Fault partition(Node v, String field) {
        List<List<NodeId>> groups = new ArrayList<>();
        Set<NodeId> seen = new HashSet<>();
        int g = 0;
        for (Node groupNode : values.list(v, field, "groups of nodes, such as [[n1, n2], [n3]]")) {
            String groupField = field + "[" + g++ + "]";
            List<NodeId> group = nodeList(groupNode, groupField);
            for (NodeId id : group) {
                if (!seen.add(id)) {
                    values.problems().add(groupNode, groupField, "each node in one group only; " + id + " is in two");
                }
            }
            groups.add(group);
        }
        if (groups.isEmpty()) {
            values.problems().add(v, field, "at least one group of nodes");
            return null;
        }
        return new Fault.Partition(groups);
    }

    private Fault cut(Node v, String field) {
        Fields f = new Fields(v, field, values.problems());
        Node from = f.require("from", "the nodes whose messages are cut");
        Node to = f.require("to", "the nodes that stop hearing them");
        f.rejectUnknown();
        if (from == null || to == null) {
            return null;
        }
        return new Fault.Cut(nodeList(from, f.field("from")), nodeList(to, f.field("to")));
    }

    private Fault heal(Node v, String field) {
        if (!"all".equals(values.text(v, field))) {
            values.problems().add(v, field, "'all' (a heal ends every partition and cut)");
        }
        return new Fault.Heal();
    }

    private Fault node(Node v, String field, java.util.function.Function<NodeId, Fault> make) {
        NodeId id = names.resolve(v, field);
        return id == null ? null : make.apply(id);
    }

    private Fault skew(Node v, String field) {
        Fields f = new Fields(v, field, values.problems());
        NodeId id = names.resolve(f.require("node", "a node name"), f.field("node"));
        Node offset = f.require("offset", "the clock offset, such as 200ms or -1s");
        f.rejectUnknown();
        if (id == null || offset == null) {
            return null;
        }
        return new Fault.ClockSkew(id, values.signedDuration(offset, f.field("offset")));
    }

    private Fault drift(Node v, String field) {
        Fields f = new Fields(v, field, values.problems());
        NodeId id = names.resolve(f.require("node", "a node name"), f.field("node"));
        Node ppm = f.require("ppm", "the clock's rate error in parts per million");
        f.rejectUnknown();
        if (id == null || ppm == null) {
            return null;
        }
        return new Fault.ClockDrift(id, values.integer(ppm, f.field("ppm"), -999_999, 1_000_000));
    }

    private List<NodeId> nodeList(Node v, String field) {
        List<NodeId> out = new ArrayList<>();
        int i = 0;
        for (Node item : values.list(v, field, "node names")) {
            NodeId id = names.resolve(item, field + "[" + i++ + "]");
            if (id != null) {
                out.add(id);
            }
        }
        return out;
    }

    private void nemesis(Node v, String field) {
        Fields f = new Fields(v, field, values.problems());
        Set<RandomNemesis.Kind> kinds = EnumSet.noneOf(RandomNemesis.Kind.class);
        Node kindsNode = f.require("kinds", "a list of fault kinds");
        if (kindsNode != null) {
            int i = 0;
            for (Node k : values.list(kindsNode, f.field("kinds"), "fault kinds")) {
                String name = values.text(k, f.field("kinds") + "[" + i++ + "]");
                try {
                    kinds.add(RandomNemesis.Kind.valueOf(String.valueOf(name).toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    values.problems().add(k, f.field("kinds"), "one of crash, pause, partition, cut, skew, loss; got '" + name + "'");
                }
            }
            if (kinds.isEmpty()) {
                values.problems().add(kindsNode, f.field("kinds"), "at least one fault kind");
            }
        }
        long[] every = f.has("every") ? values.durationRange(f.get("every"), f.field("every")) : null;
        if (every == null) {
            f.require("every", "time between faults, such as 2s..5s");
        } else if (every[0] <= 0) {
            values.problems().add(f.get("every"), f.field("every"), "a time above 0 between faults");
        }
        long[] lasting = f.has("lasting") ? values.durationRange(f.get("lasting"), f.field("lasting")) : new long[] {1_000_000, 3_000_000};
        long from = f.has("from") ? values.duration(f.get("from"), f.field("from")) : 0;
        long until = f.has("until") ? values.duration(f.get("until"), f.field("until")) : durationMicros;
        if (until > durationMicros || until < from) {
            values.problems().add(f.has("until") ? f.get("until") : v, f.field("until"),
                    "a time after 'from' and within the duration (" + Durations.format(durationMicros) + ")");
        }
        long maxSkew = f.has("max-skew") ? values.duration(f.get("max-skew"), f.field("max-skew")) : 500_000;
        double[] loss = f.has("loss") ? values.probabilityRange(f.get("loss"), f.field("loss")) : new double[] {0.3, 0.6};
        f.rejectUnknown();
        if (!kinds.isEmpty() && every != null && every[0] > 0 && until >= from && until <= durationMicros) {
            nemeses.add(new RandomNemesis(kinds, every[0], every[1], lasting[0], lasting[1], from, until, maxSkew,
                    loss[0], loss[1], baseLoss));
        }
    }
}
