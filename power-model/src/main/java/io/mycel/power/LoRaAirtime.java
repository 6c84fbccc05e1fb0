package io.mycel.power;

/**
 * Time on air of a LoRa frame, from Semtech's AN1200.13 (the SX127x datasheet's formula), and the
 * silence a duty-cycle limit then imposes. Explicit header and low-data-rate optimisation follow
 * LoRaWAN's rule: on for spreading factors 11 and 12 at 125 kHz.
 *
 * @param spreadingFactor 6 to 12
 * @param bandwidthHz 125000, 250000 or 500000 (any positive value is computed)
 * @param codingRate 1 to 4, for 4/5 to 4/8
 */
public record LoRaAirtime(int spreadingFactor, double bandwidthHz, int codingRate, int preambleSymbols, boolean crc,
                          boolean explicitHeader) {

    public LoRaAirtime {
        if (spreadingFactor < 6 || spreadingFactor > 12 || !(bandwidthHz > 0) || codingRate < 1 || codingRate > 4
                || preambleSymbols < 0) {
            throw new IllegalArgumentException("SF 6..12, bandwidth above 0, coding rate 1..4 (4/5..4/8), preamble not negative");
        }
    }

    /** LoRaWAN's usual uplink: 125 kHz, 4/5, 8-symbol preamble, CRC on, explicit header. */
    public static LoRaAirtime lorawan(int spreadingFactor) {
        return new LoRaAirtime(spreadingFactor, 125_000, 1, 8, true, true);
    }

    public double symbolSeconds() {
        return (1 << spreadingFactor) / bandwidthHz;
    }

    /** Time on air of a frame with {@code payloadBytes} of PHY payload, in seconds. */
    public double seconds(int payloadBytes) {
        double tSym = symbolSeconds();
        int de = tSym > 0.016 ? 1 : 0;   // low-data-rate optimisation where a symbol exceeds 16 ms (SF11/12 at 125 kHz)
        double preamble = (preambleSymbols + 4.25) * tSym;
        double numerator = 8.0 * payloadBytes - 4.0 * spreadingFactor + 28 + 16 * (crc ? 1 : 0) - 20 * (explicitHeader ? 0 : 1);
        double symbols = 8 + Math.max(Math.ceil(numerator / (4.0 * (spreadingFactor - 2 * de))) * (codingRate + 4), 0);
        return preamble + symbols * tSym;
    }

    /** Time on air in whole microseconds, rounded up. */
    public long micros(int payloadBytes) {
        return (long) Math.ceil(seconds(payloadBytes) * 1e6);
    }

    /** The silence a duty-cycle limit imposes after {@code airMicros} on air: {@code T_air * (1/d - 1)}. */
    public static long silenceMicros(long airMicros, double dutyCycle) {
        if (!(dutyCycle > 0 && dutyCycle <= 1)) {
            throw new IllegalArgumentException("a duty cycle in (0, 1], got " + dutyCycle);
        }
        return (long) Math.ceil(airMicros * (1 / dutyCycle - 1));
    }
}
