package io.mycel.hil.power;

import io.mycel.hil.HilRunner;
import io.mycel.power.DeviceProfile;
import io.mycel.power.DeviceProfiles;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The power benches a real run can have: an emulated one in CI, the real one on a bench of Pis. */
public final class Benches {

    private Benches() {
    }

    /**
     * Pi4J's mock platform wired as a bench would be: a node's relay opening kills its process and
     * closing starts it again, and its INA219 reads the supply of {@code profile} drawing what the
     * profile says for the cores the real process keeps busy.
     */
    public static HilRunner.BenchFactory emulated(String profileName) {
        DeviceProfile profile = DeviceProfiles.builtIn(profileName);
        return (nodes, backend) -> PowerBench.emulated(nodes, profile.supplyVolts(),
                node -> profile.cpu().watts(Math.min(profile.cpu().cores(), backend.busyCores(node))),
                (node, powered) -> {
                    try {
                        if (powered) {
                            backend.start(node);
                        } else {
                            backend.kill(node);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException("the bench could not power " + node + " back", e);
                    }
                });
    }

    /**
     * The bench's real relays and sensors through the GPIO and I2C providers Pi4J finds here (run
     * the harness on the Pi that drives them). The relay is the wiring: a node whose power comes back
     * boots and starts its node service by itself.
     */
    public static HilRunner.BenchFactory real() {
        return (nodes, backend) -> PowerBench.real(nodes, (node, powered) -> {
        });
    }
}
