package io.mycel.scenario.cli;

import io.mycel.check.model.CheckSettings;
import io.mycel.check.format.EdnHistory;
import io.mycel.check.lin.Budget;
import io.mycel.check.model.Models;
import io.mycel.check.model.RegisterModel;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options that choose a model and a budget, shared by {@code check} and {@code bench check}. */
final class ModelOptions {

    @Option(names = "--model", paramLabel = "MODEL", description = {
            "register, cas-register, kv, set, queue or mutex; when left out, guessed from each history's",
            "operations (read/write/cas: cas-register; get/put/append: kv; ...)"})
    String model;

    @Option(names = "--initial", paramLabel = "EDN", description = "a register's initial value (default: nil)")
    String initial;

    @Option(names = "--failed-cas", paramLabel = "MEANING", description = {
            "what a cas that completed with :fail means: not-applied (Jepsen's usual meaning) or mismatch",
            "(its compare failed); default: mismatch for Jepsen's log-line form, not-applied otherwise"})
    String failedCas;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "time budget per history; past it the verdict is unknown (default: ${DEFAULT-VALUE})")
    double timeoutSeconds;

    @Option(names = "--memory", paramLabel = "MIB", description = {
            "memory budget per history for the search's visited states; past it the verdict is unknown",
            "(default: half the heap, at most 4096)"})
    Long memoryMib;

    CheckSettings resolve() {
        if (model != null && !Models.names().contains(model)) {
            throw new IllegalArgumentException("--model: no model named '" + model + "'; expected one of "
                    + String.join(", ", Models.names()));
        }
        RegisterModel.FailedCas reading = null;
        if (failedCas != null) {
            reading = switch (failedCas) {
                case "not-applied" -> RegisterModel.FailedCas.NOT_APPLIED;
                case "mismatch" -> RegisterModel.FailedCas.MISMATCH;
                default -> throw new IllegalArgumentException("--failed-cas: expected not-applied or mismatch, got '"
                        + failedCas + "'");
            };
        }
        if (!(timeoutSeconds > 0) || (memoryMib != null && memoryMib <= 0)) {
            throw new IllegalArgumentException("--timeout and --memory must be above 0");
        }
        Budget budget = Budget.standard().withTime(Duration.ofNanos((long) (timeoutSeconds * 1e9)));
        if (memoryMib != null) {
            budget = new Budget(budget.timeNanos(), memoryMib << 20, budget.evidenceNanos());
        }
        Object initialValue = initial == null ? null : EdnHistory.parseValue(initial);
        return new CheckSettings(model, initialValue, reading, budget);
    }

}
