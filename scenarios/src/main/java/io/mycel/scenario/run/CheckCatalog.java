package io.mycel.scenario.run;

import io.mycel.check.CheckResult;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The checks a scenario may name, with the operations each needs the program to offer. */
public final class CheckCatalog {

    /**
     * @param needsOperations client operations the program must offer for the check to mean anything
     * @param takesSettle true when the check is written {@code name: duration} (time to settle after healing)
     */
    public record Entry(String name, List<String> needsOperations, boolean takesSettle,
                        Function<History, CheckResult> check) {
    }

    private static final Map<String, Entry> ENTRIES = new TreeMap<>();

    static {
        add(new Entry(CounterChecker.NAME, List.of("add", "read"), false, CounterChecker::check));
        add(new Entry(ConvergenceChecker.NAME, List.of(), true, ConvergenceChecker::check));
        add(new Entry(CrdtType.COUNTER.checkName(), List.of("add", "read"), true,
                h -> CrdtConvergenceChecker.check(h, CrdtType.COUNTER)));
        add(new Entry(CrdtType.SET.checkName(), List.of("add", "read"), true,
                h -> CrdtConvergenceChecker.check(h, CrdtType.SET)));
        add(new Entry(CrdtType.REGISTER.checkName(), List.of("write", "read"), true,
                h -> CrdtConvergenceChecker.check(h, CrdtType.REGISTER)));
        linearizable("register", List.of("read", "write"));
        linearizable("cas-register", List.of("read", "write", "cas"));
        linearizable("kv", List.of("get", "put"));
    }

    private CheckCatalog() {
    }

    /**
     * {@code linearizable-MODEL}: the run's history is linearizable for the model. The history file
     * has one operation a line, so evidence names lines as positions plus one.
     */
    private static void linearizable(String model, List<String> needs) {
        add(new Entry(LinearizabilityChecker.NAME + "-" + model, needs, false, history -> {
            LinearizabilityResult result = LinearizabilityChecker.check(history,
                    Models.named(model, Models.Options.DEFAULTS), Budget.standard());
            CheckResult full = new LinearizabilityReport(position -> position + 1).checkResult(result);
            return new CheckResult(LinearizabilityChecker.NAME + "-" + model, full.verdict(), full.summary(), full.evidence());
        }));
    }

    private static void add(Entry entry) {
        ENTRIES.put(entry.name(), entry);
    }

    public static Entry get(String name) {
        return ENTRIES.get(name);
    }

    public static List<String> names() {
        return List.copyOf(ENTRIES.keySet());
    }
}
