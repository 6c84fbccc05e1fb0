package io.mycel.hil.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.NodeId;
import io.mycel.node.api.SeededRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The INA219 driver read through Pi4J against the emulated chip on the mock platform: what it
 * reports agrees with the supply within the chip's own resolution, over many seeded supplies; and
 * the relays cut and restore the supply and tell the wiring.
 */
class PowerBenchTest {

    private static final NodeId N1 = NodeId.of("n1");
    private static final NodeId N2 = NodeId.of("n2");

    @Test
    void readingsAgreeWithTheSupplyWithinTheChipsResolution() {
        Map<NodeId, Double> watts = new ConcurrentHashMap<>(Map.of(N1, 2.7, N2, 0.6));
        try (PowerBench bench = PowerBench.emulated(List.of(N1, N2), 5.1, watts::get, (node, powered) -> { })) {
            double currentLsb = PowerBench.MAX_AMPS / 32768;
            // The calibration register holds a truncated value, so the chip reads currents a little low, as a real one does.
            double exactCalibration = 0.04096 / (currentLsb * PowerBench.SHUNT_OHMS);
            double calibrationError = (exactCalibration - Math.floor(exactCalibration)) / exactCalibration;
            SeededRandom random = new SeededRandom(42);
            for (int i = 0; i < 300; i++) {
                double load = 0.05 + 15 * random.nextDouble();   // up to about 2.9 A at 5.1 V
                watts.put(N1, load);
                Ina219.Reading reading = bench.read(N1);
                double amps = load / 5.1;
                assertEquals(5.1, reading.busVolts(), 0.004, "bus voltage, 4 mV steps");
                assertEquals(amps * PowerBench.SHUNT_OHMS, reading.shuntVolts(), 10e-6, "shunt voltage, 10 uV steps");
                // The current register is the shunt register scaled by the calibration: a shunt step and a current step.
                double currentTolerance = 10e-6 / PowerBench.SHUNT_OHMS + currentLsb + amps * calibrationError;
                assertEquals(amps, reading.amps(), currentTolerance, "current at load " + load);
                assertTrue(reading.amps() <= amps + currentLsb, "truncation never reads high");
                assertEquals(load, reading.watts(), 5.1 * currentTolerance + 20 * currentLsb + 0.004 * amps, "power at load " + load);
            }
            assertEquals(0.6 / 5.1, bench.read(N2).amps(), 2e-4, "each node has its own sensor");
        }
    }

    @Test
    void relaysCutAndRestoreTheSupplyAndTellTheWiring() {
        List<String> wiring = new ArrayList<>();
        try (PowerBench bench = PowerBench.emulated(List.of(N1, N2), 5.1, node -> 2.7,
                (node, powered) -> wiring.add(node + (powered ? " on" : " off")))) {
            assertTrue(bench.powered(N1));
            bench.cut(N1);
            assertFalse(bench.powered(N1));
            Ina219.Reading off = bench.read(N1);
            assertEquals(0, off.busVolts(), 1e-9);
            assertEquals(0, off.amps(), 1e-9);
            assertTrue(bench.read(N2).amps() > 0.5, "the other node keeps its power");
            bench.restore(N1);
            assertEquals(2.7, bench.read(N1).watts(), 0.02);
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (wiring.size() < 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(List.of("n1 off", "n1 on"), wiring);
        }
    }

    /** Off a Pi, --bench real says what the machine lacks instead of driving nothing (on a bench's Pi this is skipped). */
    @Test
    void aRealBenchRefusesAMachineWithoutGpioOrI2c() {
        org.junit.jupiter.api.Assumptions.assumeFalse(java.nio.file.Files.exists(PowerBench.GPIO_CHIP)
                && java.nio.file.Files.exists(PowerBench.I2C_BUS), "this machine has the bench's GPIO chip and I2C bus");
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> PowerBench.real(List.of(N1, N2), (node, powered) -> { }));
        org.junit.jupiter.api.Assertions.assertTrue(refused.getMessage().contains("/dev/gpiochip0")
                || refused.getMessage().contains("/dev/i2c-1"), refused.getMessage());
    }
}
