package io.mycel.scenario.load;

import io.mycel.faults.FaultPlan;
import io.mycel.node.api.ConfigOption;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Program;
import io.mycel.node.api.NamedInvariant;
import io.mycel.node.api.ProgramConfig;
import io.mycel.scenario.PowerSpec;
import io.mycel.node.api.Programs;
import io.mycel.scenario.ModelCheck;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.run.CheckCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Loads a scenario file. Every mistake is reported as {@code file:line:column: field: what was
 * expected}, all of them in one pass, and no {@link Scenario} is returned unless the whole file
 * was understood.
 */
public final class ScenarioLoader {

    /** Most nodes a scenario may name; the simulator is tested up to a million. */
    static final int MAX_NODES = 1_000_000;
    static final int MAX_CLIENTS = 100_000;
    static final long DEFAULT_SETTLE_MICROS = 2_000_000;

    private ScenarioLoader() {
    }

    public static Scenario load(Path file) throws IOException, ScenarioException {
        return parse(file, Files.readString(file, StandardCharsets.UTF_8));
    }

    public static Scenario parse(Path file, String text) throws ScenarioException {
        Problems problems = new Problems(file.toString());
        Node root;
        try {
            Optional<Node> composed = new Compose(LoadSettings.builder().setLabel(file.toString()).build()).composeString(text);
            if (composed.isEmpty()) {
                problems.add(Optional.empty(), "(top level)", "a scenario; the file is empty");
                throw new ScenarioException(problems.messages());
            }
            root = composed.get();
        } catch (MarkedYamlEngineException e) {
            problems.add(e.getProblemMark(), "(yaml)", "well-formed YAML: " + e.getProblem());
            throw new ScenarioException(problems.messages());
        } catch (YamlEngineException e) {
            problems.add(Optional.empty(), "(yaml)", "well-formed YAML: " + e.getMessage());
            throw new ScenarioException(problems.messages());
        }
        if (Generators.present(root)) {
            return DrawnScenarios.load(file, root, problems);
        }
        Scenario scenario = new ScenarioLoader.Reading(file, problems).read(root);
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems.messages());
        }
        return scenario;
    }

    /** One pass over one file. */
    static final class Reading {
        private final Path file;
        private final Problems problems;
        private final Values values;

        Reading(Path file, Problems problems) {
            this.file = file;
            this.problems = problems;
            this.values = new Values(problems);
        }

        Scenario read(Node root) {
            Fields top = new Fields(root, "", problems);
            Node nameNode = top.require("name", "a name for the scenario");
            String name = nameNode == null ? "unnamed" : values.text(nameNode, "name");
            if (name != null && !name.matches("[A-Za-z0-9._-]+")) {
                problems.add(nameNode, "name", "letters, digits, '.', '_' and '-' only (it names the output folder), got '" + name + "'");
            }
            String description = top.has("description") ? values.text(top.get("description"), "description") : "";
            long[] seeds = seeds(top);
            Node durationNode = top.require("duration", "the length of the run in virtual time, such as 30s");
            int before = problems.size();
            long duration = durationNode == null ? 1 : values.duration(durationNode, "duration");
            if (problems.size() > before) {
                // Unknown: fields bounded by the duration are not judged against a stand-in value.
                duration = Long.MAX_VALUE / 4;
            } else if (duration <= 0) {
                problems.add(durationNode, "duration", "a duration above 0");
            }

            Node nodesNode = top.require("nodes", "{count: 5, program: gcounter}");
            Fields nodes = new Fields(nodesNode, "nodes", problems);
            List<NodeId> ids = nodeIds(nodes);
            Program program = program(nodes);
            NodeNames names = new NodeNames(ids, values);
            ProgramConfig config = program == null ? null : config(nodes, program);
            if (program == null) {
                nodes.get("config");   // not judged without a program: its options are unknown
            }
            PerNodeReader perNode = new PerNodeReader(values, names);
            Map<NodeId, Scenario.Clock> clocks = perNode.clocks(nodes.get("clocks"));
            Map<NodeId, Scenario.Position> positions = perNode.positions(nodes.get("positions"));
            PowerSpec power = new PowerReader(values, file.toAbsolutePath().getParent()).read(nodes.get("power"), ids);
            nodes.rejectUnknown();

            NetworkReader networkReader = new NetworkReader(values, names);
            Scenario.Network network = networkReader.read(top.get("network"));
            FaultsReader faults = new FaultsReader(values, names, networkReader, duration, network.defaultLink().loss(),
                    program == null ? List.of() : program.client().adminActions());
            faults.read(top.get("faults"));
            Scenario.Workload workload = workload(top.get("workload"), program, ids.size());
            long[] settle = {DEFAULT_SETTLE_MICROS};
            Map<String, Long> checkBounds = new TreeMap<>();
            List<String> checks = checks(top.get("checks"), program, settle, checkBounds);
            Set<String> expectedFailures = expect(top.get("expect"), checks);
            ModelCheck modelCheck = new ModelCheckReader(values, file.toString(), ids, program).read(top.get("model-check"));
            top.rejectUnknown();
            if (!problems.isEmpty()) {
                return null;
            }
            return new Scenario(file, name, description == null ? "" : description, seeds[0], seeds[1], duration,
                    settle[0], new Scenario.Nodes(ids, program, config, clocks, power, positions), network,
                    new FaultPlan(faults.steps), faults.nemeses, workload, checks, checkBounds, expectedFailures, null,
                    modelCheck);
        }

        /** Just the seeds of a file, read from its top level. */
        long[] seedsOf(Node root) {
            return seeds(new Fields(root, "", problems));
        }

        private long[] seeds(Fields top) {
            if (top.has("seed") && top.has("seeds")) {
                problems.add(top.keyNode("seeds"), "seeds", "either 'seed' or 'seeds', not both");
            }
            if (top.has("seed")) {
                long seed = values.integer(top.get("seed"), "seed", Long.MIN_VALUE, Long.MAX_VALUE);
                return new long[] {seed, seed};
            }
            if (top.has("seeds")) {
                return SeedRange.parse(values.text(top.get("seeds"), "seeds"), top.get("seeds"), "seeds", problems);
            }
            return new long[] {1, 1};
        }

        private List<NodeId> nodeIds(Fields nodes) {
            List<NodeId> ids = new ArrayList<>();
            if (nodes.has("count") == nodes.has("names")) {
                problems.add(nodes.node(), "nodes", "either 'count' (nodes n1..nN) or 'names' (a list), exactly one of them");
            }
            if (nodes.has("count")) {
                long count = values.integer(nodes.get("count"), "nodes.count", 1, MAX_NODES);
                for (int i = 1; i <= count; i++) {
                    ids.add(NodeId.of("n" + i));
                }
            } else if (nodes.has("names")) {
                Set<String> seen = new LinkedHashSet<>();
                int i = 0;
                for (Node n : values.list(nodes.get("names"), "nodes.names", "node names")) {
                    String field = "nodes.names[" + i++ + "]";
                    String name = values.text(n, field);
                    if (name == null) {
                        continue;
                    }
                    if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
                        problems.add(n, field, "a name of 1 to 64 letters, digits, '.', '_' or '-', got '" + name + "'");
                    } else if (!seen.add(name)) {
                        problems.add(n, field, "distinct names; '" + name + "' is given twice");
                    } else {
                        ids.add(NodeId.of(name));
                    }
                }
            }
            return ids;
        }

        private Program program(Fields nodes) {
            Node node = nodes.require("program", "the node program, one of " + Programs.all().keySet());
            if (node == null) {
                return null;
            }
            String name = values.text(node, "nodes.program");
            Program program = name == null ? null : Programs.get(name);
            if (name != null && program == null) {
                problems.add(node, "nodes.program", "one of " + Programs.all().keySet() + ", got '" + name + "'");
            }
            return program;
        }

        private ProgramConfig config(Fields nodes, Program program) {
            Map<String, String> given = new TreeMap<>();
            Node configNode = nodes.get("config");
            if (configNode != null) {
                Fields config = new Fields(configNode, "nodes.config", problems);
                Map<String, ConfigOption> options = new LinkedHashMap<>();
                program.options().forEach(o -> options.put(o.name(), o));
                for (String key : config.keys()) {
                    ConfigOption option = options.get(key);
                    Node value = config.get(key);
                    if (option == null) {
                        problems.add(config.keyNode(key), config.field(key), "an option of " + program.name()
                                + " (one of: " + String.join(", ", options.keySet()) + "); '" + key + "' is not one");
                        continue;
                    }
                    String text = values.text(value, config.field(key));
                    String problem = text == null ? null : option.problemWith(text);
                    if (problem != null) {
                        problems.add(value, config.field(key), problem);
                    } else if (text != null) {
                        given.put(key, text);
                    }
                }
            }
            ProgramConfig config;
            try {
                config = ProgramConfig.of(program.options(), given);
            } catch (IllegalArgumentException e) {
                return null;   // already reported above, with positions
            }
            String problem = program.problemWith(config);
            if (problem != null) {
                problems.add(configNode != null ? configNode : nodes.node(), "nodes.config", problem);
                return null;
            }
            return config;
        }

        private Scenario.Workload workload(Node node, Program program, int nodeCount) {
            List<String> ops = program == null ? List.of() : program.client().operations();
            if (node == null) {
                return new Scenario.Workload(0, 1, Map.of(), 1_000_000);
            }
            Fields f = new Fields(node, "workload", problems);
            int clients = f.has("clients") ? (int) values.integer(f.get("clients"), "workload.clients", 0, MAX_CLIENTS) : nodeCount;
            double rate = f.has("rate") ? values.ratePerSecond(f.get("rate"), "workload.rate") : 10;
            long timeout = f.has("timeout") ? values.duration(f.get("timeout"), "workload.timeout") : 1_000_000;
            if (f.has("timeout") && timeout <= 0) {
                problems.add(f.get("timeout"), "workload.timeout", "a duration above 0");
            }
            Map<String, Double> mix = new LinkedHashMap<>();
            if (f.has("mix")) {
                Fields m = new Fields(f.get("mix"), "workload.mix", problems);
                for (String op : m.keys()) {
                    int before = problems.size();
                    double weight = values.number(m.get(op), m.field(op));
                    if (problems.size() > before) {
                        continue;
                    }
                    if (program != null && !ops.contains(op)) {
                        problems.add(m.keyNode(op), m.field(op), "an operation of " + program.name() + " (one of: "
                                + String.join(", ", ops) + "); '" + op + "' is not one");
                    } else if (!(weight > 0) || Double.isInfinite(weight)) {
                        problems.add(m.get(op), m.field(op), "a finite weight above 0");
                    } else {
                        mix.put(op, weight);
                    }
                }
                if (m.keys().isEmpty()) {
                    problems.add(f.get("mix"), "workload.mix", "at least one operation with its weight, such as {"
                            + String.join(": 1, ", ops) + (ops.isEmpty() ? "" : ": 1") + "}");
                }
            } else {
                ops.forEach(op -> mix.put(op, 1.0));
            }
            Map<Integer, List<Integer>> only = f.has("only") ? onlyOperations(f.get("only"), clients) : null;
            f.rejectUnknown();
            return new Scenario.Workload(clients, rate, mix, timeout, only);
        }

        /** {@code only: {1: [0, 4], 2: []}}: the operations each client performs, by number; clients not named perform none. */
        private Map<Integer, List<Integer>> onlyOperations(Node node, int clients) {
            Fields o = new Fields(node, "workload.only", problems);
            Map<Integer, List<Integer>> only = new TreeMap<>();
            for (String key : o.keys()) {
                int client = (int) values.integer(o.keyNode(key), "workload.only", 1, Math.max(1, clients));
                List<Integer> numbers = new ArrayList<>();
                for (Node item : values.list(o.get(key), o.field(key), "operation numbers from 0")) {
                    numbers.add((int) values.integer(item, o.field(key), 0, Integer.MAX_VALUE));
                }
                only.put(client, numbers);
            }
            return only;
        }

        private List<String> checks(Node node, Program program, long[] settle, Map<String, Long> bounds) {
            List<String> checks = new ArrayList<>();
            if (node == null) {
                return checks;
            }
            int i = 0;
            for (Node item : values.list(node, "checks", "check names, such as counter or {converge-after-heal: 5s}")) {
                String field = "checks[" + i++ + "]";
                String name;
                Node argument = null;
                if (item instanceof ScalarNode scalar) {
                    name = scalar.getValue();
                } else if (item instanceof MappingNode map && map.getValue().size() == 1
                        && map.getValue().get(0).getKeyNode() instanceof ScalarNode key) {
                    name = key.getValue();
                    argument = map.getValue().get(0).getValueNode();
                } else {
                    problems.add(item, field, "a check name, or {name: argument}");
                    continue;
                }
                CheckCatalog.Entry entry = CheckCatalog.get(name);
                List<String> invariants = program == null ? List.of()
                        : program.invariants().stream().map(NamedInvariant::name).toList();
                if (entry == null && invariants.contains(name)) {
                    if (argument != null) {
                        problems.add(argument, field + "." + name, "no argument: an invariant is checked after every event");
                    } else if (checks.contains(name)) {
                        problems.add(item, field, "each check once; " + name + " is listed twice");
                    }
                    checks.add(name);
                    continue;
                }
                if (entry == null) {
                    List<String> known = new ArrayList<>(CheckCatalog.names());
                    known.addAll(invariants);
                    problems.add(item, field, "one of " + known + ", got '" + name + "'");
                    continue;
                }
                argument(entry, item, argument, field, settle, bounds);
                if (program != null && !program.client().operations().containsAll(entry.needsOperations())) {
                    problems.add(item, field, "a check the program can answer: " + name + " needs operations "
                            + entry.needsOperations() + ", and " + program.name() + " offers " + program.client().operations());
                }
                if (checks.contains(name)) {
                    problems.add(item, field, "each check once; " + name + " is listed twice");
                }
                checks.add(name);
            }
            return checks;
        }

        /**
         * What follows a check's name: nothing, the scenario's settle time, or the check's own bound.
         * A bound of 0 would judge nothing, so a bound must be above 0.
         */
        private void argument(CheckCatalog.Entry entry, Node item, Node argument, String field, long[] settle,
                              Map<String, Long> bounds) {
            String name = entry.name();
            switch (entry.argument()) {
                case NONE -> {
                    if (argument != null) {
                        problems.add(argument, field + "." + name, "no argument; write just '" + name + "'");
                    }
                }
                case SETTLE -> {
                    if (argument != null) {
                        settle[0] = values.duration(argument, field + "." + name);
                    }
                }
                case BOUND -> {
                    if (argument == null && entry.boundRequired()) {
                        problems.add(item, field, "a time bound for " + name + ", written {" + name + ": 5s}");
                        return;
                    }
                    long bound = entry.defaultBoundMicros();
                    if (argument != null) {
                        int before = problems.size();
                        bound = values.duration(argument, field + "." + name);
                        if (problems.size() == before && bound <= 0) {
                            problems.add(argument, field + "." + name, "a bound above 0, such as 5s");
                        }
                    }
                    bounds.put(name, bound);
                }
                case RATIO -> {
                    if (argument == null) {
                        problems.add(item, field, "a ratio for " + name + ", written {" + name + ": 1.5}");
                        return;
                    }
                    int before = problems.size();
                    double ratio = values.number(argument, field + "." + name);
                    if (problems.size() == before && !(ratio >= 1 && ratio <= 1000)) {
                        problems.add(argument, field + "." + name, "a ratio from 1 to 1000, such as 1.5; got " + ratio);
                    }
                    bounds.put(name, Math.round(ratio * 1000));
                }
            }
        }

        private Set<String> expect(Node node, List<String> checks) {
            Set<String> failures = new LinkedHashSet<>();
            if (node == null || node instanceof ScalarNode s && s.getValue().equals("pass")) {
                return failures;
            }
            Fields f = new Fields(node, "expect", problems);
            Node fail = f.require("fail", "the checks this scenario expects to fail");
            if (fail != null) {
                int i = 0;
                for (Node item : values.list(fail, "expect.fail", "check names")) {
                    String name = values.text(item, "expect.fail[" + i++ + "]");
                    if (name != null && !checks.contains(name)) {
                        problems.add(item, "expect.fail", "a check listed under 'checks' (" + checks + "), got '" + name + "'");
                    }
                    failures.add(name);
                }
            }
            f.rejectUnknown();
            return failures;
        }
    }
}
