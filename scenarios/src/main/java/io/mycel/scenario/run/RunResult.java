package io.mycel.scenario.run;

import io.mycel.check.CheckResult;
import io.mycel.check.Verdict;
import io.mycel.scenario.Scenario;
import io.mycel.sim.SimStats;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one seed of a scenario came to.
 *
 * @param error what node code threw, when the run could not finish; null otherwise
 * @param outputDir where trace, history and verdict were written, or null
 * @param operationsPerformed the workload operations each client performed, by client number and then
 *                            operation number (the terms of the workload's {@code only})
 */
public record RunResult(Scenario scenario, long seed, List<CheckResult> checks, SimStats stats, long virtualMicros,
                        String traceSha256, String error, Path outputDir, Map<Integer, List<Integer>> operationsPerformed) {

    public RunResult {
        checks = List.copyOf(checks);
        Map<Integer, List<Integer>> copy = new TreeMap<>();
        operationsPerformed.forEach((client, ops) -> copy.put(client, List.copyOf(ops)));
        operationsPerformed = Collections.unmodifiableMap(copy);
    }

    /** How many workload operations the clients performed in all. */
    public int operationCount() {
        return operationsPerformed.values().stream().mapToInt(List::size).sum();
    }

    /** Fail if any check failed or the run broke; unknown if any check could not decide; else pass. */
    public Verdict verdict() {
        Verdict verdict = error == null ? Verdict.PASS : Verdict.FAIL;
        for (CheckResult check : checks) {
            verdict = verdict.and(check.verdict());
        }
        return verdict;
    }

    /** The checks that did not pass (failed, or could not decide), in the scenario's order. */
    public List<CheckResult> notPassing() {
        return checks.stream().filter(c -> c.verdict() != Verdict.PASS).toList();
    }

    /** True when exactly the checks the scenario expects to fail failed, and everything else passed. */
    public boolean meetsExpectation() {
        if (error != null) {
            return false;
        }
        for (CheckResult check : checks) {
            Verdict expected = scenario.expectedFailures().contains(check.check()) ? Verdict.FAIL : Verdict.PASS;
            if (check.verdict() != expected) {
                return false;
            }
        }
        return true;
    }

    /** The command that runs exactly this seed again. */
    public String replayCommand() {
        return "./mycel run " + scenario.source() + " --seed " + seed;
    }
}
