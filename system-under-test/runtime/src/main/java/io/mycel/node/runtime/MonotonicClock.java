package io.mycel.node.runtime;

/**
 * The real runtime's clock: {@link System#nanoTime()} counted in microseconds from an origin, so it
 * never goes backward however the wall clock is set. The origin is pinned to one reading of the
 * wall clock, so readings from processes on one machine (or on machines kept in step by NTP) can be
 * put on one timeline when their logs are merged, while each process's readings stay monotonic.
 */
public final class MonotonicClock {

    private final long originNanos;
    /** What the clock reads at {@code originNanos}. */
    private final long originMicros;
    /** The Unix time, in microseconds, at which the clock reads zero. */
    private final long epochMicrosAtZero;

    private MonotonicClock(long originNanos, long originMicros, long epochMicrosAtZero) {
        this.originNanos = originNanos;
        this.originMicros = originMicros;
        this.epochMicrosAtZero = epochMicrosAtZero;
    }

    /** A clock that reads microseconds since the Unix epoch at its start, then counts monotonically. */
    public static MonotonicClock fromEpoch() {
        long epochMicros = System.currentTimeMillis() * 1_000L;
        return new MonotonicClock(System.nanoTime(), epochMicros, 0);
    }

    /** A clock that reads zero now; {@link #epochMicrosAtZero()} says when that was. */
    public static MonotonicClock fromZero() {
        long epochMicros = System.currentTimeMillis() * 1_000L;
        return new MonotonicClock(System.nanoTime(), 0, epochMicros);
    }

    public long nowMicros() {
        return originMicros + (System.nanoTime() - originNanos) / 1_000L;
    }

    /** The Unix time in microseconds at which this clock read zero (zero for an epoch clock). */
    public long epochMicrosAtZero() {
        return epochMicrosAtZero;
    }
}
