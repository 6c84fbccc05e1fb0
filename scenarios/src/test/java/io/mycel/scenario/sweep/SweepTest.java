package io.mycel.scenario.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioLoader;
import io.mycel.scenario.run.RunResult;
import io.mycel.scenario.run.ScenarioRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepTest {

    /** Votes granted without the log check: caught on most seeds, but not on seed 1. */
    private static final Path PLANTED = Path.of("library", "raft-kv-vote-without-log-check.yaml");

    @TempDir
    Path dir;

    @Test
    void twoThreadsFindExactlyTheFailuresOneThreadFindsWithTheSameRuns() throws Exception {
        Scenario scenario = ScenarioLoader.load(PLANTED);
        List<Long> failing = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        // Seeds 15..22 of the planted bug: all but seed 20 show it.
        for (long seed = 15; seed <= 22; seed++) {
            RunResult r = ScenarioRunner.run(scenario, seed, null, null);
            if (r.verdict() != io.mycel.check.Verdict.PASS) {
                failing.add(seed);
                hashes.add(r.traceSha256());
            }
        }
        assertTrue(failing.size() >= 4 && !failing.contains(20L), "the planted bug shows on most seeds but not seed 20: " + failing);
        AtomicLong heard = new AtomicLong();
        Sweep.Outcome outcome = Sweep.run(scenario, new Sweep.Options(15, 22, 2, 0, false, dir),
                (result, done, failures) -> heard.incrementAndGet());
        assertEquals(8, outcome.seedsRun());
        assertEquals(8, heard.get());
        assertEquals(failing, outcome.failures().stream().map(RunResult::seed).toList());
        assertEquals(hashes, outcome.failures().stream().map(RunResult::traceSha256).toList(), "the same runs, whichever thread");
        assertNull(outcome.stopReason());
        // The lowest failing seeds were written out again to replay; the rest are listed only.
        for (int i = 0; i < outcome.failures().size(); i++) {
            Path out = outcome.failures().get(i).outputDir();
            if (i < Sweep.WRITTEN_FAILURES) {
                assertTrue(Files.exists(out.resolve("trace.jsonl")), out.toString());
            } else {
                assertNull(out);
            }
        }
        // Seed 20 passed, which the file does not expect: it is the one unmet seed.
        assertEquals(List.of(20L), outcome.unmet());
    }

    @Test
    void stoppingAtTheFirstFailureGivesTheLowestFailingSeedExactly() throws Exception {
        Scenario scenario = ScenarioLoader.load(PLANTED);
        // From seed 20, which passes: the lowest failing seed is 21, whichever thread finds what first.
        Sweep.Outcome outcome = Sweep.run(scenario, new Sweep.Options(20, 200, 2, 0, true, null), (r, d, f) -> { });
        assertEquals(21, outcome.firstFailingSeed());
        assertNotNull(outcome.stopReason());
        assertTrue(outcome.seedsRun() < 10, "stopped early: " + outcome.seedsRun() + " seeds run");
    }

    @Test
    void aSpentTimeBudgetStartsNoFurtherSeed() throws Exception {
        Scenario scenario = ScenarioLoader.load(PLANTED);
        Sweep.Outcome outcome = Sweep.run(scenario, new Sweep.Options(1, 1_000, 1, 1, false, null), (r, d, f) -> { });
        assertEquals("time budget spent", outcome.stopReason());
        assertTrue(outcome.seedsRun() <= 1, outcome.seedsRun() + " seeds run");
    }
}
