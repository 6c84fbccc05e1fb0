package io.mycel.scenario;

import io.mycel.mc.explore.Strategy;
import io.mycel.mc.state.VisitedStates;
import io.mycel.mc.system.ClientSpec;
import io.mycel.mc.system.FaultBudget;
import io.mycel.node.api.NodeId;
import java.util.List;

/**
 * A scenario's {@code model-check} section: the small system to explore (its clients and the faults
 * a path may hold), how and how far, the goals that show the search got somewhere, and optionally a
 * fixed schedule to replay instead of searching (what the model checker writes for a violation).
 *
 * @param prefix steps taken before exploring, from which the exploration starts (a leader elected and
 *               a write committed, say); they count against no budget
 * @param schedule the steps to replay, in order; empty to explore
 */
public record ModelCheck(Strategy strategy, int maxDepth, long maxStates, double maxSeconds,
                         VisitedStates.Kind storage, Reduction reduction, List<ClientSpec> clients, FaultBudget faults,
                         List<GoalSpec> goals, List<ScheduledStep> prefix, List<ScheduledStep> schedule) {

    public ModelCheck {
        clients = List.copyOf(clients);
        goals = List.copyOf(goals);
        prefix = List.copyOf(prefix);
        schedule = List.copyOf(schedule);
    }

    /** How the exploration cuts the work: not at all, by symmetry over servers, or by sleep sets. */
    public enum Reduction {
        NONE("none"), SYMMETRY("symmetry"), SLEEP_SETS("sleep-sets");

        private final String label;

        Reduction(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Reduction of(String label) {
            for (Reduction r : values()) {
                if (r.label.equals(label)) {
                    return r;
                }
            }
            return null;
        }
    }

    /**
     * A state to reach: every client operation answered, or a server (any, or the one named) holding a
     * role.
     */
    public record GoalSpec(String name, String role, NodeId node) {
        public static final String ALL_ANSWERED = "all-answered";

        public static GoalSpec allAnswered() {
            return new GoalSpec(ALL_ANSWERED, null, null);
        }

        /** @param node the server that must hold it, or null for any */
        public static GoalSpec role(String role, NodeId node) {
            return new GoalSpec(node == null ? role : node.name() + " " + role, role, node);
        }
    }

    /**
     * One step of a fixed schedule, as the file writes it.
     *
     * @param kind deliver, drop, duplicate, fire, crash or restart
     * @param nth for a message: which of the messages in flight that match (from, to, msg), oldest first
     * @param where the file and line, for errors while replaying
     */
    public record ScheduledStep(String kind, NodeId from, NodeId to, String message, int nth, NodeId node,
                                String timer, String where) {
    }

    public ModelCheck withBudgets(Strategy s, int depth, long states, double seconds) {
        return new ModelCheck(s, depth, states, seconds, storage, reduction, clients, faults, goals, prefix, schedule);
    }

    public ModelCheck withReduction(Reduction on) {
        return new ModelCheck(strategy, maxDepth, maxStates, maxSeconds, storage, on, clients, faults, goals, prefix, schedule);
    }

    public ModelCheck withStorage(VisitedStates.Kind kind) {
        return new ModelCheck(strategy, maxDepth, maxStates, maxSeconds, kind, reduction, clients, faults, goals, prefix, schedule);
    }

    /** The same system replaying {@code steps} from its initial state (so with no prefix). */
    public ModelCheck withSchedule(List<ScheduledStep> steps) {
        return new ModelCheck(strategy, maxDepth, maxStates, maxSeconds, storage, reduction, clients, faults, goals, List.of(),
                steps);
    }
}
