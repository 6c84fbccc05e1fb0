package io.mycel.power;

import java.util.Map;

/**
 * A device's power figures, in watts at its supply, each with the source it came from. A board has
 * a CPU, a transceiver a radio, and a module such as the ESP32 both.
 *
 * @param cpu null for a device without one (a bare transceiver)
 * @param radio null for a device without one of its own (a Pi's Wi-Fi is inside its idle figure)
 * @param sources the source of every figure, by its field ({@code cpu.idle}, {@code radio.tx}, ...)
 */
public record DeviceProfile(String name, String description, double supplyVolts, Cpu cpu, Radio radio,
                            Map<String, String> sources) {

    /**
     * SimGrid's host model: {@code idle} with no core busy, plus {@code busyCore} for each core at
     * full load. {@code sleep} (light sleep, woken by a timer) and {@code halted} are NaN where the
     * device has no such state.
     */
    public record Cpu(int cores, double idleWatts, double busyCoreWatts, double sleepWatts, double haltedWatts) {

        /** Power with {@code busyCores} cores busy (fractions count). */
        public double watts(double busyCores) {
            return idleWatts + Math.max(0, Math.min(cores, busyCores)) * busyCoreWatts;
        }
    }

    /**
     * A radio's states; {@code wake} is the cost of leaving sleep: how long it takes and the power drawn meanwhile.
     */
    public record Radio(double txWatts, double txDbm, double rxWatts, double idleWatts, double sleepWatts, long wakeMicros,
                        double wakeWatts) {

        /** Energy to send for {@code airMicros}, in joules. */
        public double txJoules(long airMicros) {
            return txWatts * airMicros / 1e6;
        }
    }

    public DeviceProfile {
        sources = Map.copyOf(sources);
    }
}
