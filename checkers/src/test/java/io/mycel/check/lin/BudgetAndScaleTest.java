package io.mycel.check.lin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.check.History;
import io.mycel.check.Verdict;
import io.mycel.check.gen.HistoryGenerator;
import io.mycel.check.model.Models;
import io.mycel.check.model.RegisterModel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Histories far longer than the recorded ones: decided fast when possible, never a hang or a crash. */
class BudgetAndScaleTest {

    private static final Model<?, ?> CAS = Models.named("cas-register",
            new Models.Options(null, RegisterModel.FailedCas.MISMATCH));
    private static final Model<?, ?> KV = Models.named("kv", Models.Options.DEFAULTS);

    @Test
    void generatedHistoriesAreLinearizableAndPlantedStaleReadsAreNot() {
        Budget budget = Budget.of(Duration.ofSeconds(20), 1L << 30);
        for (long seed = 1; seed <= 40; seed++) {
            HistoryGenerator.Shape etcd = HistoryGenerator.Shape.etcdLike(2);
            HistoryGenerator.Shape kv = HistoryGenerator.Shape.c50Like(1);
            assertEquals(Verdict.PASS, LinearizabilityChecker.check(HistoryGenerator.generate(etcd, seed), CAS, budget).verdict(), "etcd seed " + seed);
            assertEquals(Verdict.FAIL, LinearizabilityChecker.check(HistoryGenerator.generate(etcd.withStaleRead(), seed), CAS, budget).verdict(), "etcd stale seed " + seed);
            if (seed <= 10) {
                assertEquals(Verdict.PASS, LinearizabilityChecker.check(HistoryGenerator.generate(kv, seed), KV, budget).verdict(), "kv seed " + seed);
                assertEquals(Verdict.FAIL, LinearizabilityChecker.check(HistoryGenerator.generate(kv.withStaleRead(), seed), KV, budget).verdict(), "kv stale seed " + seed);
            }
        }
    }

    @Test
    void tenTimesLongerKeyValueHistoriesAreDecidedInSeconds() {
        Budget budget = Budget.of(Duration.ofSeconds(60), 1L << 30);
        for (long seed = 1; seed <= 2; seed++) {
            LinearizabilityResult ok = LinearizabilityChecker.check(
                    HistoryGenerator.generate(HistoryGenerator.Shape.c50Like(10), seed), KV, budget);
            assertEquals(Verdict.PASS, ok.verdict());
            assertTrue(ok.elapsedMillis() < 10_000, ok.elapsedMillis() + " ms");
        }
    }

    @Test
    void pastTheTimeBudgetTheAnswerIsUnknownPromptly() {
        // A long register history full of crashed writes, with an anomaly halfway: proving it is not
        // linearizable means exhausting a space that grows exponentially with the crashes.
        History hard = HistoryGenerator.generate(HistoryGenerator.Shape.etcdLike(10).withStaleRead(), 1);
        long start = System.nanoTime();
        LinearizabilityResult result = LinearizabilityChecker.check(hard, CAS, Budget.of(Duration.ofMillis(300), 1L << 30));
        double tookMillis = (System.nanoTime() - start) / 1e6;
        assertEquals(Verdict.UNKNOWN, result.verdict());
        assertTrue(result.reason().contains("time budget"), result.reason());
        assertTrue(tookMillis < 2_000, "took " + tookMillis + " ms");
    }

    @Test
    void pastTheMemoryBudgetTheAnswerIsUnknown() {
        History hard = HistoryGenerator.generate(HistoryGenerator.Shape.etcdLike(10).withStaleRead(), 2);
        LinearizabilityResult result = LinearizabilityChecker.check(hard, CAS, Budget.of(Duration.ofSeconds(60), 4L << 20));
        assertEquals(Verdict.UNKNOWN, result.verdict());
        assertTrue(result.reason().contains("memory budget"), result.reason());
    }
}
