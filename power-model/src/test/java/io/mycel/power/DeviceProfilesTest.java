package io.mycel.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeviceProfilesTest {

    @Test
    void everyBuiltInProfileLoadsWithASourceForEveryFigure() {
        for (String name : DeviceProfiles.BUILT_IN) {
            DeviceProfile p = DeviceProfiles.builtIn(name);
            assertEquals(name, p.name());
            int figures = (p.cpu() == null ? 0 : 2 + (Double.isNaN(p.cpu().sleepWatts()) ? 0 : 1)
                    + (Double.isNaN(p.cpu().haltedWatts()) ? 0 : 1)) + (p.radio() == null ? 0 : 5);
            assertEquals(figures, p.sources().size(), name + ": " + p.sources());
            p.sources().values().forEach(s -> assertTrue(s.matches("\\[(DS|M|D|U)\\] .+"), name + ": " + s));
        }
    }

    @Test
    void figuresReadAsWattsAtTheSupply() {
        DeviceProfile pi = DeviceProfiles.builtIn("pi-4b");
        assertEquals(6.4, pi.cpu().watts(4), 1e-9);
        assertEquals(2.8, pi.cpu().watts(0), 1e-9);
        assertEquals(0.6, DeviceProfiles.builtIn("pi-zero-2w").cpu().idleWatts(), 1e-9);
        DeviceProfile esp = DeviceProfiles.builtIn("esp32-wifi");
        assertEquals(0.239 * 3.3, esp.radio().txWatts(), 1e-9);
        assertEquals(19.5, esp.radio().txDbm(), 1e-9);
        assertEquals(0.0008 * 3.3, esp.cpu().sleepWatts(), 1e-12);
        assertTrue(Double.isNaN(pi.cpu().sleepWatts()), "a Pi has no timer-woken sleep state");
    }

    @Test
    void aFigureWithoutItsSourceOrAMissingOneIsRefusedSayingWhere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceProfiles.parse(
                "name: x\nsupply-volts: 3.3\ncpu: {cores: 1, idle: {watts: 1}, busy-core: {watts: 1, source: s}}\n", "mine.yaml"));
        assertEquals("mine.yaml: cpu.idle: every figure names its source", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DeviceProfiles.parse(
                "name: x\nsupply-volts: 3.3\ncpu: {cores: 1, idle: {watts: 1, source: s}}\n", "mine.yaml"));
        assertTrue(e.getMessage().startsWith("mine.yaml: cpu.busy-core: a figure"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DeviceProfiles.builtIn("pi-5"));
    }
}
