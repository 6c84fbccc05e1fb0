package io.mycel.scenario.mc;

import io.mycel.check.CheckResult;
import io.mycel.check.History;
import io.mycel.check.Op;
import io.mycel.check.Verdict;
import io.mycel.mc.explore.ExploreOptions;
import io.mycel.mc.explore.Goal;
import io.mycel.mc.explore.StateProperty;
import io.mycel.mc.system.HistoryEvent;
import io.mycel.mc.system.McSystem;
import io.mycel.mc.system.SystemSpec;
import io.mycel.node.api.NamedInvariant;
import io.mycel.node.api.Process;
import io.mycel.node.api.Program;
import io.mycel.scenario.ModelCheck;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.run.CheckCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A scenario as the model checker sees it: its servers, program and configuration, the
 * {@code model-check} section's clients and faults, the program's invariants it names (checked
 * inside every state) and its history checks (checked on each new state's history so far).
 */
final class McSetup {

    private McSetup() {
    }

    /** What the scenario's checks need that a model checker cannot give, or null. */
    static String unsupported(Scenario s) {
        List<String> invariants = invariantNames(s.nodes().program());
        for (String check : s.checks()) {
            if (!invariants.contains(check) && CheckCatalog.historyOnly(check) == null) {
                return "check " + check + " needs a timed run (a bound, a healed phase or the nodes' notes); the model "
                        + "checker judges the program's invariants " + invariants + " and history checks "
                        + CheckCatalog.historyOnlyNames();
            }
        }
        if (s.modelCheck() == null) {
            return "the scenario has no model-check section (clients, faults and budgets of the exploration)";
        }
        return null;
    }

    static SystemSpec system(Scenario s) {
        ModelCheck mc = s.modelCheck();
        Program program = s.nodes().program();
        List<NamedInvariant> invariants = program.invariants().stream().filter(i -> s.checks().contains(i.name())).toList();
        return new SystemSpec(s.nodes().ids(), program, s.nodes().config(), mc.clients(), mc.faults(), s.firstSeed(),
                invariants);
    }

    static ExploreOptions options(Scenario s) {
        ModelCheck mc = s.modelCheck();
        return ExploreOptions.defaults().withStrategy(mc.strategy())
                .withBudgets(mc.maxDepth(), mc.maxStates(), mc.maxSeconds()).withStorage(mc.storage())
                .withSymmetry(mc.reduction() == ModelCheck.Reduction.SYMMETRY)
                .withSleepSets(mc.reduction() == ModelCheck.Reduction.SLEEP_SETS).withChecks(properties(s), goals(s));
    }

    private static List<String> invariantNames(Program program) {
        return program.invariants().stream().map(NamedInvariant::name).toList();
    }

    static List<StateProperty> properties(Scenario s) {
        List<StateProperty> out = new ArrayList<>();
        for (String check : s.checks()) {
            Function<History, CheckResult> judge = CheckCatalog.historyOnly(check);
            if (judge != null) {
                out.add(new HistoryProperty(check, judge));
            }
        }
        return out;
    }

    static List<Goal> goals(Scenario s) {
        List<Goal> out = new ArrayList<>();
        Program program = s.nodes().program();
        int servers = s.nodes().ids().size();
        long operations = s.modelCheck().clients().stream().mapToLong(c -> c.operations().size()).sum();
        for (ModelCheck.GoalSpec g : s.modelCheck().goals()) {
            if (g.role() == null) {
                out.add(new Goal(g.name(), state -> answered(state) == operations));
            } else {
                out.add(new Goal(g.name(), state -> {
                    for (int i = 0; i < servers; i++) {
                        if (g.node() != null && !g.node().equals(state.actorId(i))) {
                            continue;
                        }
                        Process p = state.process(i);
                        if (p != null && g.role().equals(program.role(p))) {
                            return true;
                        }
                    }
                    return false;
                }));
            }
        }
        return out;
    }

    private static long answered(McSystem state) {
        return state.history().stream().filter(e -> e.type() != HistoryEvent.Type.INVOKE).count();
    }

    /** The history so far as the checkers read it: its order is its time, one microsecond an event. */
    static History history(List<HistoryEvent> events) {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            HistoryEvent e = events.get(i);
            Op.Type type = switch (e.type()) {
                case INVOKE -> Op.Type.INVOKE;
                case OK -> Op.Type.OK;
                case FAIL -> Op.Type.FAIL;
            };
            ops.add(new Op(i, e.client(), type, e.f(), e.value(), i, e.node().name(), false));
        }
        return new History(ops);
    }

    /**
     * A history check on each new state. The history changes only when a client invokes or hears,
     * so the verdict on the last history judged is kept and reused while it stays the same.
     */
    private static final class HistoryProperty implements StateProperty {
        private final String name;
        private final Function<History, CheckResult> judge;
        private List<HistoryEvent> lastJudged = List.of();
        private String lastVerdict;

        HistoryProperty(String name, Function<History, CheckResult> judge) {
            this.name = name;
            this.judge = judge;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String violation(McSystem state) {
            List<HistoryEvent> events = state.history();
            if (events.isEmpty()) {
                return null;
            }
            if (events.equals(lastJudged)) {
                return lastVerdict;
            }
            CheckResult result = judge.apply(history(events));
            lastJudged = List.copyOf(events);
            lastVerdict = result.verdict() == Verdict.FAIL ? result.summary() : null;
            return lastVerdict;
        }
    }
}
