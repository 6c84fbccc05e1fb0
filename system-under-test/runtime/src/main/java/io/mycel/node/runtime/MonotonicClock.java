package io.mycel.node.runtime;

/**
 * The real runtime's clock: {@link System#nanoTime()} counted in microseconds from an origin, so it
 * never goes backward however the wall clock is set. The origin is pinned to one reading of the
 * wall clock, so readings from processes on one machine (or on machines kept in step by NTP) can be
 * put on one timeline when their logs are merged, while each process's readings stay monotonic.
 */
public final class MonotonicClock {

    /** For a node's own clock: the wall clock, steered by the lab when it has a clock file; else null. */
    private final SteeredClock steered;
    private final long originNanos;
    /** What the clock reads at {@code originNanos}. */
    private final long originMicros;
    /** The Unix time, in microseconds, at which the clock reads zero. */
    private final long epochMicrosAtZero;

    private MonotonicClock(long originNanos, long originMicros, long epochMicrosAtZero) {
        this(originNanos, originMicros, epochMicrosAtZero, null);
    }

    private MonotonicClock(long originNanos, long originMicros, long epochMicrosAtZero, SteeredClock steered) {
        this.steered = steered;
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

    /**
     * A node's own clock: the wall clock in Unix microseconds, never read below an earlier reading, so
     * a wall clock set back holds this one still until it catches up.
     */
    public static MonotonicClock followingWall() {
        return new MonotonicClock(0, 0, 0, new SteeredClock(null));
    }

    /** A node's clock that follows the wall clock, skewed and sped up as {@code file} says ({@link SteeredClock}). */
    public static MonotonicClock steeredBy(java.nio.file.Path file) {
        return new MonotonicClock(0, 0, 0, new SteeredClock(file));
    }

    public long nowMicros() {
        if (steered != null) {
            return steered.nowMicros();
        }
        return originMicros + (System.nanoTime() - originNanos) / 1_000L;
    }

    /** The machine's monotonic clock ({@link System#nanoTime()}) in microseconds when this clock read zero. */
    public long monoMicrosAtZero() {
        return (originNanos - originMicros * 1_000L) / 1_000L;
    }

    /** The Unix time in microseconds at which this clock read zero (zero for an epoch clock). */
    public long epochMicrosAtZero() {
        return epochMicrosAtZero;
    }
}
