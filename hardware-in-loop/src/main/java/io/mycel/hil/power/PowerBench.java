package io.mycel.hil.power;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProviderImpl;
import io.mycel.node.api.NodeId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.ToDoubleFunction;

/**
 * The power side of a bench of Pis, through Pi4J: a relay per node on a GPIO output (high: powered)
 * to cut and restore its supply, and an INA219 per node on I2C measuring what it draws. On a Pi the
 * context finds the real GPIO and I2C providers ({@link #real}); in CI it is Pi4J's mock platform
 * with each INA219 emulated ({@link #emulated}), whose supply follows the relay and a load model.
 *
 * <p>Node {@code i} (from 1) has its relay on GPIO {@code 16 + i} and its INA219 at I2C address
 * {@code 0x40 + i - 1} on bus 1 (the INA219's address pins give 0x40 to 0x4F).
 */
public final class PowerBench implements AutoCloseable {

    static final double SHUNT_OHMS = 0.1;
    static final double MAX_AMPS = 3.2;
    static final java.nio.file.Path GPIO_CHIP = java.nio.file.Path.of("/dev/gpiochip0");
    static final java.nio.file.Path I2C_BUS = java.nio.file.Path.of("/dev/i2c-1");

    private final Context pi4j;
    private final Map<NodeId, DigitalOutput> relays = new LinkedHashMap<>();
    private final Map<NodeId, Ina219> sensors = new LinkedHashMap<>();

    private PowerBench(Context pi4j, List<NodeId> nodes, BiConsumer<NodeId, Boolean> onRelay) {
        this.pi4j = pi4j;
        for (int i = 0; i < nodes.size(); i++) {
            NodeId node = nodes.get(i);
            DigitalOutput relay = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("relay-" + node.name())
                    .name("power relay of " + node).address(17 + i).initial(DigitalState.HIGH).shutdown(DigitalState.HIGH));
            relay.addListener(event -> onRelay.accept(node, event.state().isHigh()));
            relays.put(node, relay);
            I2CConfig config = I2C.newConfigBuilder(pi4j).id("ina219-" + node.name()).bus(1).device(0x40 + i).build();
            sensors.put(node, new Ina219(pi4j.create(config), SHUNT_OHMS, MAX_AMPS));
        }
    }

    /**
     * A bench on real hardware, the Pi the harness runs on: relays through the kernel's GPIO character
     * device (Pi4J's gpiod plugin) and sensors on I2C bus 1 (its linuxfs plugin).
     *
     * @throws IllegalStateException on a machine without them, saying which is missing
     */
    public static PowerBench real(List<NodeId> nodes, BiConsumer<NodeId, Boolean> onRelay) {
        List<String> missing = new java.util.ArrayList<>();
        if (!java.nio.file.Files.exists(GPIO_CHIP)) {
            missing.add(GPIO_CHIP + " (the GPIO chip)");
        }
        if (!java.nio.file.Files.exists(I2C_BUS)) {
            missing.add(I2C_BUS + " (I2C bus 1; raspi-config enables it)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("this machine cannot drive a power bench: no " + String.join(" and no ", missing)
                    + "; --bench real runs the harness on the Pi wired to the relays and sensors (--bench emulated stands in)");
        }
        Context context = Pi4J.newContextBuilder()
                .add(GpioDDigitalOutputProvider.newInstance(), LinuxFsI2CProvider.newInstance()).build();
        return new PowerBench(context, nodes, onRelay);
    }

    /**
     * A bench on Pi4J's mock platform: each relay is a mock output and each INA219 an emulated one
     * whose supply is {@code volts} through a closed relay and nothing through an open one, drawing
     * {@code watts} of the node's load model.
     *
     * @param onRelay how the bench is wired: what a relay switching does to the node (for a local
     *     stand-in, kill or start its process), told the node and whether it is now powered
     */
    public static PowerBench emulated(List<NodeId> nodes, double volts, ToDoubleFunction<NodeId> watts,
                                      BiConsumer<NodeId, Boolean> onRelay) {
        Map<Integer, NodeId> byAddress = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            byAddress.put(0x40 + i, nodes.get(i));
        }
        PowerBench[] self = new PowerBench[1];
        MockI2CProviderImpl ina219s = new MockI2CProviderImpl() {
            @Override
            public I2C create(I2CConfig config) {
                NodeId node = byAddress.get(config.device());
                if (node == null) {
                    throw new IllegalArgumentException("no INA219 at I2C address " + config.device());
                }
                EmulatedIna219 device = new EmulatedIna219(this, config, () -> {
                    boolean powered = self[0] == null || self[0].powered(node);
                    return powered ? new EmulatedIna219.Supply(volts, watts.applyAsDouble(node) / volts)
                            : new EmulatedIna219.Supply(0, 0);
                }, SHUNT_OHMS);
                this.context.registry().add(device);
                return device;
            }
        };
        Context context = Pi4J.newContextBuilder().add(new MockPlatform())
                .add(MockDigitalOutputProvider.newInstance(), ina219s).build();
        self[0] = new PowerBench(context, nodes, onRelay);
        return self[0];
    }

    /** Opens the node's relay: its supply is cut. */
    public void cut(NodeId node) {
        relays.get(node).low();
    }

    /** Closes the node's relay: its supply is back. */
    public void restore(NodeId node) {
        relays.get(node).high();
    }

    public boolean powered(NodeId node) {
        return relays.get(node).state().isHigh();
    }

    public Ina219.Reading read(NodeId node) {
        return sensors.get(node).read();
    }

    public List<NodeId> nodes() {
        return List.copyOf(relays.keySet());
    }

    @Override
    public void close() {
        pi4j.shutdown();
    }
}
