package io.mycel.scenario.load;

import io.mycel.mc.explore.Strategy;
import io.mycel.mc.state.VisitedStates;
import io.mycel.mc.system.ClientSpec;
import io.mycel.mc.system.FaultBudget;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Program;
import io.mycel.scenario.ModelCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads a scenario's {@code model-check} section: budgets, clients, faults, goals and an optional
 * fixed schedule, each mistake reported at its line with what was expected.
 */
final class ModelCheckReader {

    static final int DEFAULT_MAX_DEPTH = 20;
    static final long DEFAULT_MAX_STATES = 1_000_000;
    static final double DEFAULT_MAX_SECONDS = 60;
    static final List<String> STEP_KINDS = List.of("deliver", "drop", "duplicate", "fire", "crash", "restart");

    private final Values values;
    private final Problems problems;
    private final String file;
    private final List<NodeId> servers;
    private final Program program;

    ModelCheckReader(Values values, String file, List<NodeId> servers, Program program) {
        this.values = values;
        this.problems = values.problems();
        this.file = file;
        this.servers = servers;
        this.program = program;
    }

    /** The section, or null when absent or wrong (the problems say why). */
    ModelCheck read(Node node) {
        if (node == null) {
            return null;
        }
        Fields f = new Fields(node, "model-check", problems);
        Strategy strategy = choice(f.get("strategy"), "model-check.strategy", Map.of("bfs", Strategy.BFS, "dfs", Strategy.DFS),
                Strategy.BFS);
        int depth = f.has("max-depth") ? (int) values.integer(f.get("max-depth"), "model-check.max-depth", 1, 10_000)
                : DEFAULT_MAX_DEPTH;
        long states = f.has("max-states") ? values.integer(f.get("max-states"), "model-check.max-states", 1, Long.MAX_VALUE)
                : DEFAULT_MAX_STATES;
        double seconds = f.has("max-time") ? values.duration(f.get("max-time"), "model-check.max-time") / 1e6
                : DEFAULT_MAX_SECONDS;
        if (seconds <= 0) {
            problems.add(f.get("max-time"), "model-check.max-time", "a duration above 0");
        }
        VisitedStates.Kind storage = choice(f.get("storage"), "model-check.storage",
                Map.of("hash", VisitedStates.Kind.HASH, "full", VisitedStates.Kind.FULL), VisitedStates.Kind.HASH);
        ModelCheck.Reduction reduction = choice(f.get("reduction"), "model-check.reduction",
                Map.of("none", ModelCheck.Reduction.NONE, "symmetry", ModelCheck.Reduction.SYMMETRY,
                        "sleep-sets", ModelCheck.Reduction.SLEEP_SETS), ModelCheck.Reduction.NONE);
        List<ClientSpec> clients = clients(f.get("clients"));
        FaultBudget faults = faults(f.get("faults"));
        List<ModelCheck.GoalSpec> goals = goals(f.get("goals"));
        List<ModelCheck.ScheduledStep> prefix = steps(f.get("prefix"), "model-check.prefix");
        List<ModelCheck.ScheduledStep> schedule = steps(f.get("schedule"), "model-check.schedule");
        if (!prefix.isEmpty() && !schedule.isEmpty()) {
            problems.add(f.keyNode("prefix"), "model-check.prefix", "either a prefix to explore from or a schedule to "
                    + "replay, not both (a schedule replays from the initial state)");
        }
        f.rejectUnknown();
        return new ModelCheck(strategy, depth, states, seconds, storage, reduction, clients, faults, goals, prefix,
                schedule);
    }

    private <T> T choice(Node node, String field, Map<String, T> choices, T otherwise) {
        if (node == null) {
            return otherwise;
        }
        String text = values.text(node, field);
        T chosen = text == null ? null : choices.get(text);
        if (text != null && chosen == null) {
            problems.add(node, field, "one of " + new java.util.TreeSet<>(choices.keySet()) + ", got '" + text + "'");
        }
        return chosen == null ? otherwise : chosen;
    }

    /** Every client's name, those with mistakes too, so steps naming them are not wrong as well. */
    private final List<NodeId> clientNames = new ArrayList<>();

    private List<ClientSpec> clients(Node node) {
        List<ClientSpec> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        NodeNames names = new NodeNames(servers, values);
        int i = 0;
        for (Node item : values.list(node, "model-check.clients", "clients such as {node: n1, ops: [put, get]}")) {
            String field = "model-check.clients[" + i++ + "]";
            clientNames.add(NodeId.of("@c" + i));
            Fields c = new Fields(item, field, problems);
            NodeId server = names.resolve(c.require("node", "the server this client talks to"), field + ".node");
            List<String> ops = new ArrayList<>();
            Node opsNode = c.require("ops", "the operations it performs in order, such as [put, get]");
            if (opsNode != null) {
                int j = 0;
                for (Node op : values.list(opsNode, field + ".ops", "operation names")) {
                    String name = values.text(op, field + ".ops[" + j++ + "]");
                    if (name != null && program != null && !program.client().operations().contains(name)) {
                        problems.add(op, field + ".ops", "an operation of " + program.name() + " ("
                                + program.client().operations() + "), got '" + name + "'");
                    }
                    ops.add(name);
                }
            }
            c.rejectUnknown();
            if (server != null) {
                out.add(new ClientSpec(NodeId.of("@c" + i), server, ops));
            }
        }
        return out;
    }

    private FaultBudget faults(Node node) {
        if (node == null) {
            return FaultBudget.NONE;
        }
        Fields f = new Fields(node, "model-check.faults", problems);
        int crashes = count(f, "crashes");
        int drops = count(f, "drops");
        int duplicates = count(f, "duplicates");
        f.rejectUnknown();
        return new FaultBudget(crashes, drops, duplicates);
    }

    private int count(Fields f, String key) {
        return f.has(key) ? (int) values.integer(f.get(key), f.field(key), 0, 100) : 0;
    }

    private List<ModelCheck.GoalSpec> goals(Node node) {
        List<ModelCheck.GoalSpec> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        int i = 0;
        for (Node item : values.list(node, "model-check.goals", "goals: all-answered or {role: leader, node: n2}")) {
            String field = "model-check.goals[" + i++ + "]";
            if (item instanceof ScalarNode s && s.getValue().equals(ModelCheck.GoalSpec.ALL_ANSWERED)) {
                out.add(ModelCheck.GoalSpec.allAnswered());
            } else if (item instanceof MappingNode) {
                Fields g = new Fields(item, field, problems);
                Node role = g.require("role", "a role some server should reach, such as leader");
                NodeId server = g.has("node") ? new NodeNames(servers, values).resolve(g.get("node"), field + ".node") : null;
                g.rejectUnknown();
                String name = role == null ? null : values.text(role, field + ".role");
                if (name != null) {
                    out.add(ModelCheck.GoalSpec.role(name, server));
                }
            } else {
                problems.add(item, field, "all-answered, or {role: NAME} with an optional node: SERVER");
            }
        }
        return out;
    }

    private List<ModelCheck.ScheduledStep> steps(Node node, String path) {
        List<ModelCheck.ScheduledStep> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        Map<String, NodeId> actors = new LinkedHashMap<>();
        servers.forEach(s -> actors.put(s.name(), s));
        clientNames.forEach(c -> actors.put(c.name(), c));
        int i = 0;
        for (Node item : values.list(node, path, "steps such as {deliver: {from: n1, to: n2, msg: Ping}}")) {
            String field = path + "[" + i++ + "]";
            if (!(item instanceof MappingNode map) || map.getValue().size() != 1
                    || !(map.getValue().get(0).getKeyNode() instanceof ScalarNode key)
                    || !STEP_KINDS.contains(key.getValue())) {
                problems.add(item, field, "one step: {KIND: ...} with KIND one of " + STEP_KINDS);
                continue;
            }
            String kind = key.getValue();
            Node body = map.getValue().get(0).getValueNode();
            String where = file + ":" + (item.getStartMark().map(m -> m.getLine() + 1).orElse(1));
            String f = field + "." + kind;
            switch (kind) {
                case "crash", "restart" -> {
                    NodeId n = actor(body, f, actors);
                    out.add(new ModelCheck.ScheduledStep(kind, null, null, null, 0, n, null, where));
                }
                case "fire" -> {
                    Fields b = new Fields(body, f, problems);
                    NodeId n = actor(b.require("node", "the node whose timer fires"), f + ".node", actors);
                    Node timer = b.require("timer", "the timer's name");
                    String name = timer == null ? null : values.text(timer, f + ".timer");
                    b.rejectUnknown();
                    out.add(new ModelCheck.ScheduledStep(kind, null, null, null, 0, n, name, where));
                }
                default -> {
                    Fields b = new Fields(body, f, problems);
                    NodeId from = actor(b.require("from", "the sender"), f + ".from", actors);
                    NodeId to = actor(b.require("to", "the addressee"), f + ".to", actors);
                    Node msg = b.require("msg", "the message's type, such as RequestVote");
                    String type = msg == null ? null : values.text(msg, f + ".msg");
                    int nth = b.has("nth") ? (int) values.integer(b.get("nth"), f + ".nth", 0, 1_000_000) : 0;
                    b.rejectUnknown();
                    out.add(new ModelCheck.ScheduledStep(kind, from, to, type, nth, null, null, where));
                }
            }
        }
        return out;
    }

    private NodeId actor(Node node, String field, Map<String, NodeId> actors) {
        if (node == null) {
            return null;
        }
        String name = values.text(node, field);
        NodeId id = name == null ? null : actors.get(name);
        if (name != null && id == null) {
            problems.add(node, field, "a server or a model-check client (" + String.join(", ", actors.keySet())
                    + "), got '" + name + "'");
        }
        return id;
    }
}
