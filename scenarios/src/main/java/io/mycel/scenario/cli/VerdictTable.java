package io.mycel.scenario.cli;

import io.mycel.check.CheckResult;
import io.mycel.node.api.Durations;
import io.mycel.scenario.run.RunResult;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints a run's verdict: one headline, then one row per check with its evidence. */
public final class VerdictTable {

    private VerdictTable() {
    }

    /** One row per check: its name, its verdict and the evidence in one line. */
    public static void printChecks(PrintStream out, List<CheckResult> checks) {
        int width = "check".length();
        for (CheckResult check : checks) {
            width = Math.max(width, check.check().length());
        }
        String row = "  %-" + width + "s  %-7s  %s%n";
        out.printf(row, "check", "verdict", "evidence");
        for (CheckResult check : checks) {
            out.printf(row, check.check(), check.verdict().label(), check.summary());
        }
    }

    static void print(PrintStream out, RunResult result, double wallSeconds, boolean withTable) {
        out.printf("%s seed %d: %s  (%s virtual, %,d events, %,d messages, %.2fs wall)%n",
                result.scenario().name(), result.seed(), result.verdict().label().toUpperCase(Locale.ROOT),
                Durations.format(result.virtualMicros() / 1000 * 1000), result.stats().events(), result.stats().sent(), wallSeconds);
        if (!withTable) {
            return;
        }
        if (result.error() != null) {
            out.println("  error: " + result.error());
        }
        printChecks(out, result.checks());
        if (result.checks().isEmpty()) {
            out.println("  (the scenario names no checks)");
        }
        if (result.outputDir() != null) {
            out.println("  output: " + result.outputDir() + "  (trace sha256 " + result.traceSha256().substring(0, 16) + ")");
        }
    }
}
