package io.mycel.check.lin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.mycel.check.History;
import io.mycel.check.Op;
import io.mycel.check.Verdict;
import io.mycel.check.format.EdnHistory;
import io.mycel.check.model.Models;
import io.mycel.check.model.RegisterModel;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checker, with all its pruning, against the definition searched by brute force, on thousands of
 * small random histories of every model. A disagreement is shrunk to the fewest operations that
 * still disagree and printed with its seed.
 */
class LinearizabilityPropertyTest {

    private static final int SEEDS = 1_500;
    private static final Budget BUDGET = Budget.of(Duration.ofSeconds(20), 256L << 20);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"register", "cas-register", "cas-register/mismatch", "kv", "set", "queue", "mutex", "registry"})
    void agreesWithBruteForce(String name) throws IOException {
        Model<?, ?> model = model(name);
        int linearizable = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            History history = RandomHistories.draw(name.split("/")[0], seed, 3 + (int) (seed % 6));
            boolean expected = BruteForce.linearizable(history, model);
            if (disagrees(history, model)) {
                History small = shrink(history, model);
                StringWriter edn = new StringWriter();
                EdnHistory.write(small, edn);
                fail(name + " seed " + seed + ": the checker says " + verdict(small, model) + ", brute force says "
                        + (BruteForce.linearizable(small, model) ? "linearizable" : "not linearizable")
                        + "; shrunk history:\n" + edn);
            }
            linearizable += expected ? 1 : 0;
        }
        // Both verdicts must be common (at least 3% each), or the test would prove little.
        assertTrue(linearizable > SEEDS * 3 / 100 && linearizable < SEEDS * 97 / 100,
                name + ": " + linearizable + " of " + SEEDS + " linearizable");
    }

    static Model<?, ?> model(String name) {
        return name.equals("cas-register/mismatch")
                ? Models.named("cas-register", new Models.Options(null, RegisterModel.FailedCas.MISMATCH))
                : Models.named(name, Models.Options.DEFAULTS);
    }

    private static boolean disagrees(History history, Model<?, ?> model) {
        Verdict verdict = verdict(history, model);
        assertTrue(verdict != Verdict.UNKNOWN, "a history this small is decided within the budget");
        return (verdict == Verdict.PASS) != BruteForce.linearizable(history, model);
    }

    private static Verdict verdict(History history, Model<?, ?> model) {
        return LinearizabilityChecker.check(history, model, BUDGET).verdict();
    }

    /** Drops operations (invocation and completion together) while the disagreement remains. */
    private static History shrink(History history, Model<?, ?> model) {
        History current = history;
        boolean shrunk = true;
        while (shrunk) {
            shrunk = false;
            for (int drop = 0; drop < current.operations().size(); drop++) {
                History candidate = without(current, current.operations().get(drop));
                if (disagrees(candidate, model)) {
                    current = candidate;
                    shrunk = true;
                    break;
                }
            }
        }
        return current;
    }

    private static History without(History history, History.Operation dropped) {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < history.ops().size(); i++) {
            if (i != dropped.invokeAt() && i != dropped.completeAt()) {
                Op op = history.ops().get(i);
                ops.add(new Op(ops.size(), op.process(), op.type(), op.f(), op.key(), op.value(), ops.size(), null, false));
            }
        }
        return new History(ops);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"register", "kv"})
    void evidenceIsItselfNotLinearizableAndHoldsTheBlockingOperation(String name) {
        Model<?, ?> model = model(name);
        int failures = 0;
        for (long seed = 0; seed < 300; seed++) {
            History history = RandomHistories.draw(name, seed, 8);
            LinearizabilityResult result = LinearizabilityChecker.check(history, model, BUDGET);
            if (result.verdict() != Verdict.FAIL) {
                continue;
            }
            failures++;
            LinearizabilityResult.Failure failure = result.failure();
            assertTrue(failure.minimal().contains(failure.blocking()), "seed " + seed);
            List<Op> ops = new ArrayList<>();
            for (Op op : history.ops()) {
                for (History.Operation kept : failure.minimal()) {
                    if (op == kept.invoke() || op == kept.completion()) {
                        ops.add(new Op(ops.size(), op.process(), op.type(), op.f(), op.key(), op.value(), ops.size(),
                                null, false));
                    }
                }
            }
            assertEquals(Verdict.FAIL, verdict(new History(ops), model), "seed " + seed + ": the minimal set alone");
            assertTrue(failure.minimalComplete(), "seed " + seed);
        }
        assertTrue(failures > 30, "only " + failures + " failures drawn");
    }
}
