package io.mycel.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.check.CheckResult;
import io.mycel.check.Verdict;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The linearizability check inside a scenario run, on a register that is linearizable and one that is not. */
class LinearizableCheckTest {

    @TempDir
    Path dir;

    private Scenario scenario(String reads) throws Exception {
        Path source = Paths.get(LinearizableCheckTest.class.getResource("/scenarios/register-linearizable.yaml").toURI());
        String text = Files.readString(source).replace("  program: test-register",
                "  program: test-register\n  config: {reads: " + reads + "}");
        Path file = dir.resolve("register-" + reads + ".yaml");
        Files.writeString(file, text);
        return ScenarioLoader.load(file);
    }

    @Test
    void aSingleCopyRegisterPassesUnderLossAndAPartition() throws Exception {
        Scenario scenario = scenario("primary");
        for (long seed = 1; seed <= 5; seed++) {
            RunResult result = ScenarioRunner.run(scenario, seed, dir.resolve("runs"), null);
            CheckResult check = result.checks().get(0);
            assertEquals("linearizable-register", check.check());
            assertEquals(Verdict.PASS, check.verdict(), "seed " + seed + ": " + check.summary());
        }
    }

    @Test
    void localReadsAreCaughtWithEvidenceNamingHistoryLines() throws Exception {
        Scenario scenario = scenario("local");
        int caught = 0;
        for (long seed = 1; seed <= 5; seed++) {
            RunResult result = ScenarioRunner.run(scenario, seed, dir.resolve("runs"), null);
            CheckResult check = result.checks().get(0);
            if (check.verdict() == Verdict.FAIL) {
                caught++;
                assertTrue(check.summary().startsWith("not linearizable: cannot linearize process"), check.summary());
                assertTrue(check.summary().contains("(lines "), check.summary());
                String verdict = Files.readString(result.outputDir().resolve("verdict.json"));
                assertTrue(verdict.contains("\"minimal\"") && verdict.contains("\"linearized-prefix\""), verdict);
            }
        }
        assertEquals(5, caught, "stale local reads are caught on every seed");
    }
}
