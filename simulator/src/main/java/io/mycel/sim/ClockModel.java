package io.mycel.sim;

/**
 * One node's clock against virtual time: {@code local = virtual + offset + virtual * drift}.
 *
 * <p>Readings never go backward: when a skew fault moves the offset back, the clock holds still
 * until virtual time catches up, as a monotonic clock under NTP slewing would. Timers run in local
 * time, so a fast clock fires its timers early in virtual time.
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

    long read(long virtualMicros) {
        long local = virtualMicros + offsetMicros + Math.multiplyExact(virtualMicros, driftPpm) / PPM;
        if (local < lastReading) {
            return lastReading;
        }
        lastReading = local;
        return local;
    }

    /** Virtual microseconds that pass while this clock advances {@code localMicros}; at least 0. */
    long virtualDelay(long localMicros) {
        if (driftPpm == 0) {
            return localMicros;
        }
        // Round up, so a timer never fires before its local deadline.
        long rate = PPM + driftPpm;
        return Math.max(0, Math.floorDiv(Math.multiplyExact(localMicros, PPM) + rate - 1, rate));
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

    void setDriftPpm(long driftPpm) {
        if (driftPpm <= -PPM) {
            throw new IllegalArgumentException("clock drift must be above -1000000 ppm, got " + driftPpm);
        }
        this.driftPpm = driftPpm;
    }
}
