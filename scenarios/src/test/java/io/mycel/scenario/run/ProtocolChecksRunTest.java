package io.mycel.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mycel.check.CheckResult;
import io.mycel.check.Verdict;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checks of protocol events see the crashes of a real run. The counter emits no membership or
 * broadcast notes, so a crash it never declares dead fails {@code failure-detected}, nothing is
 * falsely declared, and there is no broadcast to judge.
 */
class ProtocolChecksRunTest {

    private static final String SCENARIO = """
            name: silent-detector
            seed: 3
            duration: 6s
            nodes: {count: 3, program: gcounter}
            faults:
              - {at: 1s, crash: n3}
              - {at: 4s, restart: n3}
              - {at: 4500ms, crash: n2}
            workload: {clients: 2, rate: 20/s}
            checks: [counter, {failure-detected: 2s}, no-false-dead, {broadcast-reach: 1s}]
            """;

    private static Scenario scenario(String text) throws Exception {
        return ScenarioLoader.parse(Path.of("silent-detector.yaml"), text);
    }

    @Test
    void crashesOfTheRunReachTheChecksAndUndeclaredOnesFail() throws Exception {
        RunResult result = ScenarioRunner.run(scenario(SCENARIO), 3, null, null);
        List<CheckResult> checks = result.checks();
        CheckResult detected = checks.get(1);
        assertEquals(Verdict.FAIL, detected.verdict(), detected.summary());
        assertEquals(2, detected.evidence().get("crashes"));
        // n2's crash at 4.5s is ended by the healing at 6s, sooner than the bound.
        assertEquals(1, detected.evidence().get("crashesRestartedSooner"));
        assertEquals(2, detected.evidence().get("pairsMissed"));
        assertEquals(Verdict.PASS, checks.get(2).verdict(), checks.get(2).summary());
        assertEquals(0, checks.get(2).evidence().get("declarations"));
        assertEquals(Verdict.UNKNOWN, checks.get(3).verdict(), checks.get(3).summary());
    }

    @Test
    void checksOfProtocolEventsDoNotChangeTheRun() throws Exception {
        Scenario plain = scenario(SCENARIO.replace(", {failure-detected: 2s}, no-false-dead, {broadcast-reach: 1s}", ""));
        assertEquals(ScenarioRunner.run(plain, 3, null, null).traceSha256(),
                ScenarioRunner.run(scenario(SCENARIO), 3, null, null).traceSha256());
    }
}
