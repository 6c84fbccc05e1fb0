package io.mycel.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.check.Verdict;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PowerRunTest {

    @TempDir
    Path dir;

    @Test
    void aRunOnBatteriesTracesEnergyAndPlotsIt() throws Exception {
        Scenario scenario = ScenarioLoader.load(Path.of("library", "gcounter-solar-day.yaml"));
        RunResult run = ScenarioRunner.run(scenario, 2, dir, null);
        String svg = Files.readString(run.outputDir().resolve("power.svg"));
        assertEquals(5 * 3, svg.split("<polyline").length - 1, "charge, harvest and load for each of five nodes");
        List<String> energy = Files.readAllLines(run.outputDir().resolve("trace.jsonl")).stream()
                .filter(l -> l.contains("\"type\":\"energy\"")).toList();
        assertTrue(energy.size() > 5 * 24 * 50, "about one reading a minute per node: " + energy.size());
        assertEquals(Verdict.PASS, run.verdict(), run.checks().toString());
    }

    @Test
    void aBatteryTooSmallForTheNightBrownsOutAndNoBrownOutSaysWhen() throws Exception {
        String text = Files.readString(Path.of("library", "gcounter-solar-day.yaml"))
                .replace("battery: {soc: 0.5}", "battery: {soc: 0.05, capacity-ah: 0.2}")
                .replace("start-hour: 6", "start-hour: 18");
        Scenario scenario = ScenarioLoader.parse(dir.resolve("small.yaml"), text);
        RunResult run = ScenarioRunner.run(scenario, 1, null, null);
        var check = run.checks().stream().filter(c -> c.check().equals("no-brown-out")).findFirst().orElseThrow();
        assertEquals(Verdict.FAIL, check.verdict());
        assertTrue(check.summary().contains("browned out at"), check.summary());
    }
}
