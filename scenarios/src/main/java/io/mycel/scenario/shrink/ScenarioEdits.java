package io.mycel.scenario.shrink;

import io.mycel.faults.FaultEpisodes;
import io.mycel.faults.FaultPlan;
import io.mycel.node.api.NodeId;
import io.mycel.scenario.Scenario;
import io.mycel.sim.LinkModel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
        return s.withFaults(faults, List.of());
    }

    /** Shorter, with any fault at or past the new end dropped. */
    static Scenario withDuration(Scenario s, long durationMicros) {
        List<FaultPlan.Step> kept = s.faults().steps().stream().filter(step -> step.atMicros() < durationMicros).toList();
        return s.withFaults(new FaultPlan(kept), s.nemeses()).withDuration(durationMicros);
    }

    /** With this many clients, rate and mix; a selection of operations keeps only the clients that remain. */
    static Scenario withWorkload(Scenario s, int clients, double ratePerSecond, Map<String, Double> mix) {
        Scenario.Workload w = s.workload();
        Map<Integer, List<Integer>> only = null;
        if (w.only() != null) {
            only = new TreeMap<>(w.only());
            only.keySet().removeIf(client -> client > clients);
        }
        return s.withWorkload(new Scenario.Workload(clients, ratePerSecond, mix, w.timeoutMicros(), only));
    }

    /** Performing only these operations of the workload. */
    static Scenario withOperations(Scenario s, Map<Integer, List<Integer>> only) {
        return s.withWorkload(s.workload().withOnly(only));
    }

    /** Without its last {@code count} nodes, when nothing names them; null otherwise (or with none left). */
    static Scenario withoutLastNodes(Scenario s, int count) {
        List<NodeId> ids = s.nodes().ids();
        if (count < 1 || ids.size() - count < 1) {
            return null;
        }
        for (NodeId last : ids.subList(ids.size() - count, ids.size())) {
            boolean named = FaultEpisodes.names(s.faults(), last) || s.nodes().clocks().containsKey(last)
                    || s.network().links().stream().anyMatch(l -> l.from().equals(last) || l.to().equals(last));
            if (named) {
                return null;
            }
        }
        return s.withNodes(s.nodes().keeping(ids.subList(0, ids.size() - count)));
    }

    /** Milder in one respect; null when it is already so. */
    static Scenario calmer(Scenario s, Calm calm) {
        LinkModel d = s.network().defaultLink();
        Scenario.Network network = switch (calm) {
            case NO_LOSS -> d.loss() == 0 ? null
                    : s.network().withDefaultLink(new LinkModel(d.latency(), 0, d.duplicate(), d.reorder()));
            case NO_DUPLICATES -> d.duplicate() == 0 ? null
                    : s.network().withDefaultLink(new LinkModel(d.latency(), d.loss(), 0, d.reorder()));
            case NO_REORDERING -> d.reorder() == 0 ? null
                    : s.network().withDefaultLink(new LinkModel(d.latency(), d.loss(), d.duplicate(), 0));
            case NO_LINK_OVERRIDES -> s.network().links().isEmpty() ? null : s.network().withoutOverrides();
        };
        if (network == null) {
            return null;
        }
        return s.withNetwork(network);
    }

    /**
     * Named {@code <name>-shrunk}, so its runs are written apart from the original's, and expecting
     * exactly these checks to fail (empty: all to pass).
     */
    static Scenario shrunk(Scenario s, Set<String> failures) {
        return s.renamed(s.name() + "-shrunk", failures);
    }
}
