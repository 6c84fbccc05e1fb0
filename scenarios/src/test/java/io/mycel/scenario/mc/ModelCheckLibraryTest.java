package io.mycel.scenario.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.mc.explore.Report;
import io.mycel.scenario.ModelCheck;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of {@code scenarios/model-check} meets its expectation: a planted bug is found, and its
 * counterexample file replays to the same violation; the correct program passes the whole exploration
 * to its depth and reaches its goals, so it passed for having looked.
 */
class ModelCheckLibraryTest {

    static final Path LIBRARY = Path.of("model-check");

    @TempDir
    Path out;

    @TestFactory
    Stream<DynamicTest> everyModelCheckFileMeetsItsExpectation() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(LIBRARY)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 3, "the model-check library has files");
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }

    private void check(Path file) throws Exception {
        Scenario s = ScenarioLoader.load(file);
        ModelCheckRun.Outcome o = ModelCheckRun.run(s, out);
        if (s.expectedFailures().isEmpty()) {
            assertNull(o.violation(), () -> file + ": " + o.violation() + " after " + o.path());
            Report r = o.report();
            assertTrue(r.complete(), () -> file + " was cut short by the " + r.stoppedBy() + " budget");
            for (Report.GoalResult g : r.goals()) {
                assertTrue(g.reached(), () -> file + ": goal " + g.name() + " was never reached");
            }
            return;
        }
        assertNotNull(o.violation(), () -> file + ": no violation found; " + o.report());
        assertTrue(s.expectedFailures().contains(o.violation().property()), o.violation().toString());
        // The counterexample replays from its own file to the same violation, step for step.
        Scenario counterexample = ScenarioLoader.load(o.counterexample());
        ModelCheckRun.Outcome replayed = ModelCheckRun.run(counterexample, out);
        assertEquals(o.violation(), replayed.violation());
        assertEquals(o.path(), replayed.path());
        assertTrue(Files.readString(replayed.trace()).contains("\"invariant-violated\""));
        correctCodePassesTheSameExploration(s, o.path().size() - s.modelCheck().prefix().size());
    }

    /**
     * The same exploration on the code without the planted bug, to the depth where the bug showed,
     * finds nothing and covers everything. CI does this for bugs found within {@link #CORRECT_DEPTH}
     * steps (deeper ones take a minute or more each); {@code -Dmycel.mc.correct-depth=8} does all.
     */
    private void correctCodePassesTheSameExploration(Scenario buggy, int foundAt) throws Exception {
        if (foundAt > Integer.getInteger("mycel.mc.correct-depth", CORRECT_DEPTH)) {
            return;
        }
        ModelCheck mc = buggy.modelCheck();
        Scenario correct = buggy.withoutPlantedBug().withModelCheck(mc.withBudgets(mc.strategy(), foundAt, mc.maxStates(), mc.maxSeconds()));
        ModelCheckRun.Outcome o = ModelCheckRun.run(correct, out);
        assertNull(o.violation(), () -> buggy.name() + " without its bug: " + o.violation() + " after " + o.path());
        assertTrue(o.report().complete(), () -> buggy.name() + " without its bug was cut short by the " + o.report().stoppedBy());
    }

    /** Deepest a planted bug may be found for CI to explore the correct code to the same depth. */
    private static final int CORRECT_DEPTH = 6;
}
