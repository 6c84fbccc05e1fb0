package io.mycel.scenario.shrink;

import io.mycel.faults.FaultEpisodes;
import io.mycel.faults.FaultPlan;
import io.mycel.node.api.NodeId;
import io.mycel.scenario.Scenario;
import io.mycel.sim.LinkModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Copies of a scenario with one part reduced, for the shrinker's candidates. */
final class ScenarioEdits {

    /** The network's milder settings, tried one at a time. */
    enum Calm {
        NO_LOSS("no message loss"), NO_DUPLICATES("no duplicated messages"), NO_REORDERING("no reordering"),
        NO_LINK_OVERRIDES("no per-link settings");

        private final String what;

        Calm(String what) {
            this.what = what;
        }

        String what() {
            return what;
        }
    }

    private ScenarioEdits() {
    }

    /** The scenario with this whole fault schedule and no random nemeses. */
    static Scenario withFaults(Scenario s, FaultPlan faults) {
        return new Scenario(s.source(), s.name(), s.description(), s.firstSeed(), s.lastSeed(), s.durationMicros(),
                s.settleMicros(), s.nodes(), s.network(), faults, List.of(), s.workload(), s.checks(), s.checkBoundsMicros(),
                s.expectedFailures(), s.draws());
    }

    /** Shorter, with any fault at or past the new end dropped. */
    static Scenario withDuration(Scenario s, long durationMicros) {
        List<FaultPlan.Step> kept = s.faults().steps().stream().filter(step -> step.atMicros() < durationMicros).toList();
        return new Scenario(s.source(), s.name(), s.description(), s.firstSeed(), s.lastSeed(), durationMicros,
                s.settleMicros(), s.nodes(), s.network(), new FaultPlan(kept), s.nemeses(), s.workload(), s.checks(),
                s.checkBoundsMicros(), s.expectedFailures(), s.draws());
    }

    static Scenario withWorkload(Scenario s, int clients, double ratePerSecond, Map<String, Double> mix) {
        Scenario.Workload w = new Scenario.Workload(clients, ratePerSecond, mix, s.workload().timeoutMicros());
        return new Scenario(s.source(), s.name(), s.description(), s.firstSeed(), s.lastSeed(), s.durationMicros(),
                s.settleMicros(), s.nodes(), s.network(), s.faults(), s.nemeses(), w, s.checks(), s.checkBoundsMicros(),
                s.expectedFailures(), s.draws());
    }

    /** Without its last node, when nothing names that node; null otherwise (or with one node left). */
    static Scenario withoutLastNode(Scenario s) {
        List<NodeId> ids = s.nodes().ids();
        if (ids.size() < 2) {
            return null;
        }
        NodeId last = ids.get(ids.size() - 1);
        boolean named = FaultEpisodes.names(s.faults(), last) || s.nodes().clocks().containsKey(last)
                || s.network().links().stream().anyMatch(l -> l.from().equals(last) || l.to().equals(last));
        if (named) {
            return null;
        }
        Scenario.Nodes nodes = new Scenario.Nodes(ids.subList(0, ids.size() - 1), s.nodes().program(), s.nodes().config(),
                s.nodes().clocks(), s.nodes().power());
        return new Scenario(s.source(), s.name(), s.description(), s.firstSeed(), s.lastSeed(), s.durationMicros(),
                s.settleMicros(), nodes, s.network(), s.faults(), s.nemeses(), s.workload(), s.checks(), s.checkBoundsMicros(),
                s.expectedFailures(), s.draws());
    }

    /** Milder in one respect; null when it is already so. */
    static Scenario calmer(Scenario s, Calm calm) {
        LinkModel d = s.network().defaultLink();
        Scenario.Network network = switch (calm) {
            case NO_LOSS -> d.loss() == 0 ? null
                    : new Scenario.Network(new LinkModel(d.latency(), 0, d.duplicate(), d.reorder()), s.network().links());
            case NO_DUPLICATES -> d.duplicate() == 0 ? null
                    : new Scenario.Network(new LinkModel(d.latency(), d.loss(), 0, d.reorder()), s.network().links());
            case NO_REORDERING -> d.reorder() == 0 ? null
                    : new Scenario.Network(new LinkModel(d.latency(), d.loss(), d.duplicate(), 0), s.network().links());
            case NO_LINK_OVERRIDES -> s.network().links().isEmpty() ? null : new Scenario.Network(d, List.of());
        };
        if (network == null) {
            return null;
        }
        return new Scenario(s.source(), s.name(), s.description(), s.firstSeed(), s.lastSeed(), s.durationMicros(),
                s.settleMicros(), s.nodes(), network, s.faults(), s.nemeses(), s.workload(), s.checks(), s.checkBoundsMicros(),
                s.expectedFailures(), s.draws());
    }

    /**
     * Named {@code <name>-shrunk}, so its runs are written apart from the original's, and expecting
     * exactly these checks to fail (empty: all to pass).
     */
    static Scenario shrunk(Scenario s, Set<String> failures) {
        return new Scenario(s.source(), s.name() + "-shrunk", s.description(), s.firstSeed(), s.lastSeed(), s.durationMicros(),
                s.settleMicros(), s.nodes(), s.network(), s.faults(), s.nemeses(), s.workload(), s.checks(), s.checkBoundsMicros(),
                failures, s.draws());
    }
}
