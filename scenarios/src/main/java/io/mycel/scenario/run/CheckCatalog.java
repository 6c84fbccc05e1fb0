package io.mycel.scenario.run;

import io.mycel.check.AnswerAfterHealChecker;
import io.mycel.check.BoundedStalenessChecker;
import io.mycel.check.CheckResult;
import io.mycel.check.FencedLockChecker;
import io.mycel.check.ConvergenceChecker;
import io.mycel.check.CounterChecker;
import io.mycel.check.History;
import io.mycel.check.crdt.CrdtConvergenceChecker;
import io.mycel.check.crdt.CrdtType;
import io.mycel.check.lin.Budget;
import io.mycel.check.lin.LinearizabilityChecker;
import io.mycel.check.lin.LinearizabilityReport;
import io.mycel.check.lin.LinearizabilityResult;
import io.mycel.check.model.Models;
import io.mycel.check.model.RegistryModel;
import io.mycel.scenario.check.NamesReleasedCheck;
import io.mycel.scenario.check.BroadcastReachCheck;
import io.mycel.scenario.check.FailureDetectedCheck;
import io.mycel.scenario.check.NoBrownOutCheck;
import io.mycel.scenario.check.NoFalseDeadCheck;
import io.mycel.scenario.check.PresenceCheck;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The checks a scenario may name, with the operations each needs the program to offer and what may
 * follow the name. Each judges a {@link RunRecord}: most only its client history, the checks of
 * protocol events ({@code io.mycel.scenario.check}) its notes and faults as well.
 */
public final class CheckCatalog {

    /** What may follow a check's name in a scenario's {@code checks} list. */
    public enum Argument {
        /** Just the name. */
        NONE,
        /** {@code name: duration}, optional: the time the run settles after healing, for the whole scenario. */
        SETTLE,
        /**
         * {@code name: duration}: the check's own time bound, handed to the check; optional only when
         * the entry has a default.
         */
        BOUND,
        /**
         * {@code name: number}: a ratio the check holds the run to (1.5, say), required; handed to the
         * check in thousandths, where a bound would be in microseconds.
         */
        RATIO
    }

    /**
     * Judges one run. {@code boundMicros} is the check's bound for {@link Argument#BOUND} checks, the
     * ratio in thousandths for {@link Argument#RATIO} checks, else 0.
     */
    @FunctionalInterface
    public interface Judge {
        CheckResult judge(RunRecord run, long boundMicros);
    }

    /** For {@link Entry#defaultBoundMicros()}: the scenario must write the bound. */
    public static final long NO_DEFAULT_BOUND = -1;

    /**
     * @param needsOperations client operations the program must offer for the check to mean anything
     * @param defaultBoundMicros for {@link Argument#BOUND}: the bound when the scenario gives none,
     *                           or {@link #NO_DEFAULT_BOUND}; unused otherwise
     */
    public record Entry(String name, List<String> needsOperations, Argument argument, long defaultBoundMicros,
                        Judge judge) {

        public Entry {
            needsOperations = List.copyOf(needsOperations);
            if (argument == Argument.BOUND && defaultBoundMicros != NO_DEFAULT_BOUND && defaultBoundMicros <= 0) {
                throw new IllegalArgumentException(name + ": a default bound above 0, or NO_DEFAULT_BOUND");
            }
        }

        /** True when the scenario must write {@code name: duration} (or {@code name: number} for a ratio). */
        public boolean boundRequired() {
            return argument == Argument.RATIO || argument == Argument.BOUND && defaultBoundMicros == NO_DEFAULT_BOUND;
        }

        /** A check of the client history alone. */
        static Entry ofHistory(String name, List<String> needsOperations, Argument argument,
                               Function<History, CheckResult> check) {
            if (argument == Argument.NONE) {
                HISTORY_ONLY.put(name, check);
            }
            return new Entry(name, needsOperations, argument, NO_DEFAULT_BOUND, (run, bound) -> check.apply(run.history()));
        }

        /** A check with a time bound of its own, written {@code name: duration}. */
        static Entry bounded(String name, long defaultBoundMicros, Judge judge) {
            return new Entry(name, List.of(), Argument.BOUND, defaultBoundMicros, judge);
        }
    }

    private static final Map<String, Entry> ENTRIES = new TreeMap<>();
    /** Checks that judge a client history and nothing else (no time bound, no settling, no notes). */
    private static final Map<String, Function<History, CheckResult>> HISTORY_ONLY = new TreeMap<>();

    static {
        add(Entry.ofHistory(CounterChecker.NAME, List.of("add", "read"), Argument.NONE, CounterChecker::check));
        add(Entry.ofHistory(ConvergenceChecker.NAME, List.of(), Argument.SETTLE, ConvergenceChecker::check));
        add(Entry.ofHistory(FencedLockChecker.NAME, List.of("acquire", "write", "release"), Argument.NONE,
                FencedLockChecker::check));
        add(Entry.ofHistory(BoundedStalenessChecker.NAME, List.of("table-write", "table-read"), Argument.NONE,
                BoundedStalenessChecker::check));
        add(Entry.ofHistory(AnswerAfterHealChecker.NAME, List.of(), Argument.SETTLE, AnswerAfterHealChecker::check));
        add(Entry.ofHistory(CrdtType.COUNTER.checkName(), List.of("add", "read"), Argument.SETTLE,
                h -> CrdtConvergenceChecker.check(h, CrdtType.COUNTER)));
        add(Entry.ofHistory(CrdtType.SET.checkName(), List.of("add", "read"), Argument.SETTLE,
                h -> CrdtConvergenceChecker.check(h, CrdtType.SET)));
        add(Entry.ofHistory(CrdtType.REGISTER.checkName(), List.of("write", "read"), Argument.SETTLE,
                h -> CrdtConvergenceChecker.check(h, CrdtType.REGISTER)));
        linearizable("register", List.of("read", "write"), List.of("read", "write"));
        linearizable("cas-register", List.of("read", "write", "cas"), List.of("read", "write", "cas"));
        linearizable("kv", List.of("get", "put"), List.of("get", "read", "put", "write", "append", "cas", "delete"));
        linearizable("registry", List.of("register", "whereis"), RegistryModel.OPERATIONS);
        add(new Entry(NamesReleasedCheck.NAME, List.of("register", "whereis"), Argument.BOUND, NO_DEFAULT_BOUND,
                NamesReleasedCheck::check));
        add(Entry.bounded(FailureDetectedCheck.NAME, NO_DEFAULT_BOUND, FailureDetectedCheck::check));
        add(Entry.bounded(NoFalseDeadCheck.NAME, NoFalseDeadCheck.DEFAULT_WINDOW_MICROS, NoFalseDeadCheck::check));
        add(Entry.bounded(io.mycel.scenario.check.WorkCompletesCheck.NAME, NO_DEFAULT_BOUND,
                io.mycel.scenario.check.WorkCompletesCheck::check));
        add(Entry.bounded(io.mycel.scenario.check.CriticalAnswersCheck.NAME, NO_DEFAULT_BOUND,
                io.mycel.scenario.check.CriticalAnswersCheck::check));
        add(Entry.bounded(BroadcastReachCheck.NAME, NO_DEFAULT_BOUND, BroadcastReachCheck::check));
        add(new Entry(NoBrownOutCheck.NAME, List.of(), Argument.NONE, NO_DEFAULT_BOUND, NoBrownOutCheck::check));
        add(new Entry(io.mycel.scenario.check.DutyCycleCheck.NAME, List.of(), Argument.NONE, NO_DEFAULT_BOUND,
                io.mycel.scenario.check.DutyCycleCheck::check));
        add(new Entry(io.mycel.scenario.check.DhtLookupsCheck.NAME, List.of("lookup", "announce", "find"), Argument.BOUND,
                NO_DEFAULT_BOUND, io.mycel.scenario.check.DhtLookupsCheck::check));
        add(new Entry(io.mycel.scenario.check.RingBalanceCheck.NAME, List.of(), Argument.RATIO, NO_DEFAULT_BOUND,
                io.mycel.scenario.check.RingBalanceCheck::check));
        add(Entry.bounded(io.mycel.scenario.check.TasksOnceCheck.NAME, NO_DEFAULT_BOUND, io.mycel.scenario.check.TasksOnceCheck::check));
        add(new Entry(io.mycel.scenario.check.CheckpointsForwardCheck.NAME, List.of(), Argument.NONE, NO_DEFAULT_BOUND,
                io.mycel.scenario.check.CheckpointsForwardCheck::check));
        add(new Entry(PresenceCheck.NAME, List.of("join", "leave", "who"), Argument.BOUND, NO_DEFAULT_BOUND,
                PresenceCheck::check));
        add(new Entry(io.mycel.scenario.check.MqttDeliveryCheck.NAME, List.of("publish-qos1"), Argument.BOUND,
                io.mycel.scenario.check.MqttDeliveryCheck.DEFAULT_BOUND_MICROS, io.mycel.scenario.check.MqttDeliveryCheck::check));
    }

    private CheckCatalog() {
    }

    /**
     * {@code linearizable-MODEL}: the run's history is linearizable for the model. Judged on the
     * operations the model knows ({@code projection}) only, since a program's history may mix
     * objects (a KV's keys, a registry's names, the releases nodes announce): each object is
     * linearizable on its own, so the projection is judged as the whole. The history file has one
     * operation a line, so evidence names lines of the whole file as an operation's index plus one.
     */
    private static void linearizable(String model, List<String> needs, List<String> projection) {
        add(Entry.ofHistory(LinearizabilityChecker.NAME + "-" + model, needs, Argument.NONE, whole -> {
            History history = new History(whole.ops().stream().filter(op -> projection.contains(op.f())).toList());
            LinearizabilityResult result = LinearizabilityChecker.check(history,
                    Models.named(model, Models.Options.DEFAULTS), Budget.standard());
            CheckResult full = new LinearizabilityReport(position -> (int) history.ops().get(position).index() + 1)
                    .checkResult(result);
            return new CheckResult(LinearizabilityChecker.NAME + "-" + model, full.verdict(), full.summary(), full.evidence());
        }));
    }

    private static void add(Entry entry) {
        ENTRIES.put(entry.name(), entry);
    }

    /**
     * The check {@code name} as a function of a client history alone, or null when it needs more of
     * a run (a time bound, a healed phase, the nodes' notes): what a model checker, which has a
     * history but no time, can judge.
     */
    public static Function<History, CheckResult> historyOnly(String name) {
        return HISTORY_ONLY.get(name);
    }

    public static List<String> historyOnlyNames() {
        return List.copyOf(HISTORY_ONLY.keySet());
    }

    public static Entry get(String name) {
        return ENTRIES.get(name);
    }

    public static List<String> names() {
        return List.copyOf(ENTRIES.keySet());
    }
}
