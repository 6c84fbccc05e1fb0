package io.mycel.scenario;

import io.mycel.faults.FaultPlan;
import io.mycel.faults.RandomNemesis;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Program;
import io.mycel.node.api.ProgramConfig;
import io.mycel.sim.LinkModel;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A scenario file, fully understood: every name resolved, every value checked. The loader builds
 * one only when the whole file made sense.
 *
 * @param source the file it came from, for replay commands
 * @param seeds the seeds the file asks for, first to last inclusive
 * @param durationMicros length of the safety phase, with faults and workload
 * @param settleMicros length of the healed liveness phase before final reads
 * @param checks the checks to run, by catalog name, in file order
 * @param checkBoundsMicros the time bound of each check that takes one of its own ({@code name: duration}),
 *                          the catalog's default filled in where the file gives none
 * @param expectedFailures checks the file expects to fail (a planted bug); empty when all should pass
 * @param draws how the file's generated parameters are drawn for a seed, or null when it has none
 *              (a scenario with draws is the draw for its first seed; run any seed through {@link #forSeed})
 * @param modelCheck the {@code model-check} section, or null when the file has none
 */
public record Scenario(Path source, String name, String description, long firstSeed, long lastSeed,
                       long durationMicros, long settleMicros, Nodes nodes, Network network, FaultPlan faults,
                       List<RandomNemesis> nemeses, Workload workload, List<String> checks,
                       Map<String, Long> checkBoundsMicros, Set<String> expectedFailures, Draws draws,
                       ModelCheck modelCheck) {

    /** Parameters left to the seed ({@code between}, {@code one-of}, {@code swarm}), drawn per seed. */
    public interface Draws {
        /** The scenario as drawn for this seed, with no draws of its own. */
        Scenario draw(long seed);

        /** What was drawn for this seed, as {@code path=value}, in file order. */
        List<String> values(long seed);
    }

    /**
     * The same scenario judged by these of its checks only, expecting of them what it expected.
     *
     * @throws IllegalArgumentException naming a check the scenario does not have
     */
    public Scenario withChecks(List<String> only) {
        for (String check : only) {
            if (!checks.contains(check)) {
                throw new IllegalArgumentException(name + " has no check " + check + "; it has " + checks);
            }
        }
        Set<String> expected = new java.util.LinkedHashSet<>(expectedFailures);
        expected.retainAll(only);
        Draws narrowed = drawsThen(drawn -> drawn.withChecks(only));
        return new Scenario(source, name, description, firstSeed, lastSeed, durationMicros, settleMicros, nodes, network, faults,
                nemeses, workload, checks.stream().filter(only::contains).toList(), checkBoundsMicros, expected, narrowed,
                modelCheck);
    }

    /**
     * The same scenario on the correct program: its {@code bug} option back to its default (no bug),
     * and no check expected to fail. What a planted bug's exploration or run gives on the code
     * without it.
     *
     * @throws IllegalArgumentException when the scenario plants no bug
     */
    public Scenario withoutPlantedBug() {
        io.mycel.node.api.ConfigOption bug = nodes.program().options().stream().filter(o -> o.name().equals("bug")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + ": " + nodes.program().name() + " has no planted bugs"));
        if (nodes.config().string("bug").equals(bug.defaultValue())) {
            throw new IllegalArgumentException(name + " plants no bug (its bug option is " + bug.defaultValue() + ")");
        }
        Map<String, String> given = new java.util.TreeMap<>(nodes.config().values());
        given.put("bug", bug.defaultValue());
        Nodes correct = new Nodes(nodes.ids(), nodes.program(), ProgramConfig.of(nodes.program().options(), given), nodes.clocks(),
                nodes.power(), nodes.positions());
        Draws corrected = drawsThen(Scenario::withoutPlantedBug);
        return new Scenario(source, name, description, firstSeed, lastSeed, durationMicros, settleMicros, correct, network, faults,
                nemeses, workload, checks, checkBoundsMicros, Set.of(), corrected, modelCheck);
    }

    /** This scenario's draws with {@code change} made to each scenario drawn (null when it has none). */
    private Draws drawsThen(java.util.function.UnaryOperator<Scenario> change) {
        return draws == null ? null : new Draws() {
            @Override
            public Scenario draw(long seed) {
                return change.apply(draws.draw(seed));
            }

            @Override
            public List<String> values(long seed) {
                return draws.values(seed);
            }
        };
    }

    /** The same scenario with this fault schedule and these random nemeses. */
    public Scenario withFaults(FaultPlan plan, List<RandomNemesis> randomNemeses) {
        return new Scenario(source, name, description, firstSeed, lastSeed, durationMicros, settleMicros, nodes, network, plan,
                randomNemeses, workload, checks, checkBoundsMicros, expectedFailures, draws, modelCheck);
    }

    /** The same scenario with a safety phase of this length. */
    public Scenario withDuration(long micros) {
        return new Scenario(source, name, description, firstSeed, lastSeed, micros, settleMicros, nodes, network, faults,
                nemeses, workload, checks, checkBoundsMicros, expectedFailures, draws, modelCheck);
    }

    public Scenario withNodes(Nodes changed) {
        return new Scenario(source, name, description, firstSeed, lastSeed, durationMicros, settleMicros, changed, network, faults,
                nemeses, workload, checks, checkBoundsMicros, expectedFailures, draws, modelCheck);
    }

    public Scenario withNetwork(Network changed) {
        return new Scenario(source, name, description, firstSeed, lastSeed, durationMicros, settleMicros, nodes, changed, faults,
                nemeses, workload, checks, checkBoundsMicros, expectedFailures, draws, modelCheck);
    }

    public Scenario withWorkload(Workload changed) {
        return new Scenario(source, name, description, firstSeed, lastSeed, durationMicros, settleMicros, nodes, network, faults,
                nemeses, changed, checks, checkBoundsMicros, expectedFailures, draws, modelCheck);
    }

    /** The same scenario under another name, expecting exactly these checks to fail. */
    public Scenario renamed(String newName, Set<String> failures) {
        return new Scenario(source, newName, description, firstSeed, lastSeed, durationMicros, settleMicros, nodes, network, faults,
                nemeses, workload, checks, checkBoundsMicros, failures, draws, modelCheck);
    }

    /** The same scenario with this {@code model-check} section. */
    public Scenario withModelCheck(ModelCheck changed) {
        return new Scenario(source, name, description, firstSeed, lastSeed, durationMicros, settleMicros, nodes, network, faults,
                nemeses, workload, checks, checkBoundsMicros, expectedFailures, draws, changed);
    }

    /** The scenario this seed runs: the draw for it, or this one when nothing is left to the seed. */
    public Scenario forSeed(long seed) {
        return draws == null ? this : draws.draw(seed);
    }

    /** @param power null for nodes on mains power */
    /**
     * The run's nodes and what is set per node.
     *
     * @param positions where nodes stand, for the replay's topology (any unit, x to the east, y to
     *                  the north); nodes not listed are placed by the replay
     */
    public record Nodes(List<NodeId> ids, Program program, ProgramConfig config, Map<NodeId, Clock> clocks, PowerSpec power,
                        Map<NodeId, Position> positions) {

        /** Each placed node's [x, y] by name, in name order: what the trace's run record carries for the replay. */
        public java.util.SortedMap<String, List<Double>> positionsByName() {
            java.util.SortedMap<String, List<Double>> out = new java.util.TreeMap<>();
            positions.forEach((id, p) -> out.put(id.name(), List.of(p.x(), p.y())));
            return out;
        }

        /** The same nodes without those not in {@code kept}, and without what was set for them. */
        public Nodes keeping(List<NodeId> kept) {
            Map<NodeId, Clock> keptClocks = new java.util.TreeMap<>(clocks);
            keptClocks.keySet().retainAll(kept);
            Map<NodeId, Position> keptPositions = new java.util.TreeMap<>(positions);
            keptPositions.keySet().retainAll(kept);
            return new Nodes(List.copyOf(kept), program, config, keptClocks, power, keptPositions);
        }
    }

    /** Where a node stands: only drawn, the simulation does not use it. */
    public record Position(double x, double y) {
    }

    public record Clock(long offsetMicros, long driftPpm) {
    }

    /**
     * The default link, directed per-link overrides, and whether links between nodes open with a
     * handshake.
     *
     * @param secureLinks what a secure link's handshake costs, or null for links that need none
     */
    public record Network(LinkModel defaultLink, List<Link> links, io.mycel.sim.HandshakeModel secureLinks) {

        public Network(LinkModel defaultLink, List<Link> links) {
            this(defaultLink, links, null);
        }

        public Network withDefaultLink(LinkModel link) {
            return new Network(link, links, secureLinks);
        }

        public Network withoutOverrides() {
            return new Network(defaultLink, List.of(), secureLinks);
        }
    }

    public record Link(NodeId from, NodeId to, LinkModel model) {
    }

    /**
     * @param clients concurrent logical clients; client {@code i} (from 1) talks to node {@code (i - 1) mod n}
     * @param ratePerSecond aggregate rate of invocations over all clients
     * @param mix operation name to weight, in file order
     * @param only the operations each client performs, by client number and then operation number (from 0,
     *             in the order the client draws them), the others skipped; null when every client performs
     *             every operation. The shrinker writes it to keep just the operations a failure needs.
     */
    public record Workload(int clients, double ratePerSecond, Map<String, Double> mix, long timeoutMicros,
                           Map<Integer, List<Integer>> only) {

        public Workload(int clients, double ratePerSecond, Map<String, Double> mix, long timeoutMicros) {
            this(clients, ratePerSecond, mix, timeoutMicros, null);
        }

        public Workload {
            if (only != null) {
                Map<Integer, List<Integer>> sorted = new TreeMap<>();
                only.forEach((client, ops) -> sorted.put(client, ops.stream().sorted().distinct().toList()));
                only = Collections.unmodifiableMap(sorted);
            }
        }

        /** The operation numbers this client (from 1) performs, sorted; null when it performs all. */
        public List<Integer> onlyFor(int client) {
            return only == null ? null : only.getOrDefault(client, List.of());
        }

        /** The same workload with this selection of operations (null: all of them). */
        public Workload withOnly(Map<Integer, List<Integer>> selection) {
            return new Workload(clients, ratePerSecond, mix, timeoutMicros, selection);
        }
    }

    public Scenario {
        nemeses = List.copyOf(nemeses);
        checks = List.copyOf(checks);
        checkBoundsMicros = Collections.unmodifiableMap(new TreeMap<>(checkBoundsMicros));
        expectedFailures = Set.copyOf(expectedFailures);
    }
}
