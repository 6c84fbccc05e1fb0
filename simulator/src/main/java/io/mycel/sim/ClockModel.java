package io.mycel.sim;

/**
 * One node's clock against virtual time: {@code local = virtual + offset + virtual * drift}.
 *
 * <p>Readings never go backward: when a skew fault moves the offset back, the clock holds still
 * until virtual time catches up, as a monotonic clock under NTP slewing would. A change of drift
 * moves the offset so the clock stays continuous. Timers run in local time: a timer set for
 * {@code d} fires when the clock first reads at least {@code reading + d}, so a fast clock fires its
 * timers early in virtual time and a held clock late.
 */
final class ClockModel {

    private static final long PPM = 1_000_000L;

    private long offsetMicros;
    private long driftPpm;
    private long lastReading = Long.MIN_VALUE;

    ClockModel(long offsetMicros, long driftPpm) {
        this.offsetMicros = offsetMicros;
        setDriftPpm(driftPpm);
    }

    /** What a reading would return now, without being one: looking from the lab changes nothing. */
    long peek(long virtualMicros) {
        return Math.max(lastReading, raw(virtualMicros));
    }

    /** The node reads its clock: never less than its previous reading. */
    long read(long virtualMicros) {
        long local = raw(virtualMicros);
        if (local < lastReading) {
            return lastReading;
        }
        lastReading = local;
        return local;
    }

    /** Virtual microseconds from {@code virtualMicros} until this clock reads {@code localDelayMicros} more than now. */
    long virtualDelay(long virtualMicros, long localDelayMicros) {
        long deadline = read(virtualMicros) + localDelayMicros;
        // Solve raw(v) >= deadline for the least v: v * (1 + drift) >= deadline - offset, rounded up.
        long rate = PPM + driftPpm;
        long v = Math.floorDiv(Math.multiplyExact(deadline - offsetMicros, PPM) + rate - 1, rate);
        while (raw(v) < deadline) {
            v++;   // integer division in raw() can leave it one short
        }
        return Math.max(0, v - virtualMicros);
    }

    private long raw(long virtualMicros) {
        return virtualMicros + offsetMicros + Math.multiplyExact(virtualMicros, driftPpm) / PPM;
    }

    long offsetMicros() {
        return offsetMicros;
    }

    long driftPpm() {
        return driftPpm;
    }

    void setOffsetMicros(long offsetMicros) {
        this.offsetMicros = offsetMicros;
    }

    /** Changes the rate from {@code virtualMicros} on, keeping the reading there unchanged. */
    void setDriftPpm(long virtualMicros, long driftPpm) {
        long before = raw(virtualMicros);
        setDriftPpm(driftPpm);
        offsetMicros += before - raw(virtualMicros);
    }

    private void setDriftPpm(long driftPpm) {
        if (driftPpm <= -PPM) {
            throw new IllegalArgumentException("clock drift must be above -1000000 ppm, got " + driftPpm);
        }
        this.driftPpm = driftPpm;
    }
}
