package io.mycel.scenario.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.scenario.PowerSpec;
import io.mycel.scenario.Scenario;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PowerReaderTest {

    private static final String FILE = """
            name: powered
            duration: 1h
            nodes:
              count: 2
              program: gcounter
              power:
                board: esp32-wifi
                radio: sx1276
                lora-sf: 9
                battery: {soc: 0.4}
                solar: {latitude: 52, day: 355, start-hour: 12, clearness: 0.2..0.6}
                cost: {per-handler: 3ms, per-byte: 5us}
            checks: [no-brown-out]
            """;

    private static Scenario parse(String text) throws ScenarioException {
        return ScenarioLoader.parse(Path.of("power.yaml"), text);
    }

    @Test
    void aPowerSectionIsReadWithItsDefaults() throws Exception {
        PowerSpec p = parse(FILE).nodes().power();
        assertEquals("esp32-wifi", p.board());
        assertEquals("sx1276", p.radio());
        assertEquals(9, p.loraSpreadingFactor());
        assertEquals(0.4, p.initialSoc());
        assertEquals(2.45, p.capacityAh());
        assertEquals(new PowerSpec.Solar(52, 355, 12, 0.2, 0.6, 2, 0.7), p.solar());
        assertEquals(3_000, p.microsPerHandler());
        assertEquals(5, p.microsPerByte());
        assertEquals(0.3, p.lowSoc());
        assertEquals(0.01, p.dutyCycle(), "LoRa in EU868 by default");
        assertEquals(0.1, parse(FILE.replace("lora-sf: 9", "lora-sf: 9\n    duty-cycle: 0.1")).nodes().power().dutyCycle());
        assertEquals(1.0, parse(FILE.replace("lora-sf: 9", "bitrate: 250000")).nodes().power().dutyCycle(), "no rule off LoRa");
        assertNull(parse(FILE.replace(FILE.substring(FILE.indexOf("  power:"), FILE.indexOf("checks:")), "")).nodes().power());
    }

    @Test
    void mistakesSayWhereAndWhatWasExpected() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(FILE.replace("board: esp32-wifi", "board: pi-5")));
        assertTrue(e.problems().get(0).startsWith("power.yaml:7:12: nodes.power.board: a built-in device profile"), e.problems().toString());
        e = assertThrows(ScenarioException.class, () -> parse(FILE.replace("board: esp32-wifi", "board: sx1262")));
        assertTrue(e.problems().get(0).contains("a profile with a CPU; sx1262 has none"), e.problems().toString());
        e = assertThrows(ScenarioException.class, () -> parse(FILE.replace("lora-sf: 9", "lora-sf: 13")));
        assertTrue(e.problems().get(0).startsWith("power.yaml:9:14: nodes.power.lora-sf"), e.problems().toString());
        e = assertThrows(ScenarioException.class, () -> parse(FILE.replace("lora-sf: 9", "lora-sf: 9\n    duty-cycle: 0")));
        assertTrue(e.problems().get(0).startsWith("power.yaml:10:17: nodes.power.duty-cycle: a share of time above 0"), e.problems().toString());
        e = assertThrows(ScenarioException.class, () -> parse(FILE.replace("    lora-sf: 9\n", "")));
        assertTrue(e.problems().get(0).contains("one of lora-sf (7 to 12) or bitrate"), e.problems().toString());
        e = assertThrows(ScenarioException.class, () -> parse(FILE.replace("start-hour: 12", "start-hour: 25")));
        assertTrue(e.problems().get(0).contains("an hour in [0, 24)"), e.problems().toString());
    }

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    @Test
    void aProfileFileBesideTheScenarioOverridesTheBuiltInFigures() throws Exception {
        // A user's own board: the ESP32 figures, with a measured idle draw of the dev board.
        String own = new String(io.mycel.power.DeviceProfiles.class.getResourceAsStream("profiles/esp32-wifi.yaml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8)
                .replace("name: esp32-wifi", "name: my-devkit")
                .replaceFirst("idle: \\{milliamps: 20, source: \"[^\"]*\"}", "idle: {milliamps: 31, source: \"[M] our bench, 2026-11-30\"}");
        java.nio.file.Files.createDirectories(dir.resolve("boards"));
        java.nio.file.Files.writeString(dir.resolve("boards/my-devkit.yaml"), own);
        Path scenario = dir.resolve("powered.yaml");
        PowerSpec p = ScenarioLoader.parse(scenario, FILE.replace("board: esp32-wifi", "board: boards/my-devkit.yaml")).nodes().power();
        assertEquals(dir.resolve("boards/my-devkit.yaml").toAbsolutePath().toString(), p.board(), "kept absolute, for the saved scenario");
        io.mycel.power.NodeEnergy energy = p.suppliesByNode(1).apply(io.mycel.node.api.NodeId.of("n1"));
        energy.powered(0, true);
        assertEquals(0.031 * 3.3 + io.mycel.power.DeviceProfiles.builtIn("sx1276").radio().idleWatts(), energy.loadWatts(), 1e-12);

        // A missing file, or one without sources, is reported at the scenario's line.
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.parse(scenario, FILE.replace("board: esp32-wifi", "board: boards/none.yaml")));
        assertTrue(e.problems().get(0).startsWith(scenario + ":7:12: nodes.power.board: a readable device profile: cannot read"),
                e.problems().toString());
        java.nio.file.Files.writeString(dir.resolve("boards/bad.yaml"), own.replace(", source: \"[M] our bench, 2026-11-30\"", ""));
        e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.parse(scenario, FILE.replace("board: esp32-wifi", "board: boards/bad.yaml")));
        assertTrue(e.problems().get(0).contains("nodes.power.board: a readable device profile") && e.problems().get(0).contains("source"),
                e.problems().toString());
    }

    @Test
    void aNodeMayDifferInSomeFieldsAndKeepsTheRest() throws Exception {
        String text = FILE.replace("    cost: {per-handler: 3ms, per-byte: 5us}\n", "    cost: {per-handler: 3ms, per-byte: 5us}\n"
                + "    nodes:\n      n2: {board: pi-4b, battery: {capacity-ah: 10}, solar: {panel-watts: 10}}\n");
        Scenario s = parse(text);
        PowerSpec shared = s.nodes().power();
        PowerSpec n2 = shared.of(io.mycel.node.api.NodeId.of("n2"));
        assertEquals(shared, shared.of(io.mycel.node.api.NodeId.of("n1")));
        assertEquals("pi-4b", n2.board());
        assertEquals("sx1276", n2.radio(), "the rest is the section's");
        assertEquals(0.4, n2.initialSoc(), "merged field by field: the battery keeps its charge");
        assertEquals(10, n2.capacityAh());
        assertEquals(new PowerSpec.Solar(52, 355, 12, 0.2, 0.6, 10, 0.7), n2.solar());
        io.mycel.power.NodeEnergy e1 = shared.suppliesByNode(1).apply(io.mycel.node.api.NodeId.of("n1"));
        io.mycel.power.NodeEnergy e2 = shared.suppliesByNode(1).apply(io.mycel.node.api.NodeId.of("n2"));
        assertEquals(2.45, e1.battery().spec().capacityAh());
        assertEquals(10, e2.battery().spec().capacityAh());

        // Written back for a run and read again, it is the same.
        String written = ScenarioWriter.toYaml(s, "test", 1, s.faults());
        assertEquals(shared, parse(written).nodes().power(), written);

        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(text.replace("n2: {board", "n7: {board")));
        assertTrue(e.problems().get(0).startsWith("power.yaml:14:7: nodes.power.nodes.n7: a node of this scenario, one of [n1, n2]"),
                e.problems().toString());
        e = assertThrows(ScenarioException.class, () -> parse(text.replace("capacity-ah: 10}", "capacity-ah: -1}")));
        assertTrue(e.problems().get(0).startsWith("power.yaml:14:49: nodes.power.nodes.n2.battery.capacity-ah: a number above 0"),
                e.problems().toString());
    }
}
