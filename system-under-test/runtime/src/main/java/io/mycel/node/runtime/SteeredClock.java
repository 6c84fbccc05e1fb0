package io.mycel.node.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A node clock the lab can skew and speed up from outside, for real runs of scenarios whose faults
 * set clocks: the wall clock, plus the offset and drift written in a small file
 * ({@code OFFSET_MICROS DRIFT_PPM}), read again at most every {@value #REREAD_MICROS} us. Readings
 * never go below an earlier one, so a backward skew holds the clock still until it is passed, as
 * the simulator's clocks do.
 *
 * <p>It steers only what node code reads through {@code NodeContext.nowMicros}: timers keep the true
 * monotonic clock, and the log keeps true time. (libfaketime would steer the whole process, but a
 * JVM under it with a clock file it re-reads slowed to a crawl on this machine.)
 */
final class SteeredClock {

    static final long REREAD_MICROS = 100_000;

    private final Path file;
    private long lastReadNanos;
    private boolean read;
    private long offsetMicros;
    private long driftPpm;
    /** The wall time from which the current drift has been running. */
    private long driftSinceMicros;
    /** What earlier drifts added before the current one began. */
    private long driftedMicros;
    private long last = Long.MIN_VALUE;

    /** @param file the lab's clock file, or null for the plain wall clock (still never read backward) */
    SteeredClock(Path file) {
        this.file = file;
    }

    synchronized long nowMicros() {
        long wall = wallMicros();
        long nanos = System.nanoTime();
        if (file != null && (!read || (nanos - lastReadNanos) / 1_000 >= REREAD_MICROS)) {
            read = true;
            lastReadNanos = nanos;
            reread(wall);
        }
        long reading = wall + offsetMicros + driftedMicros + (wall - driftSinceMicros) * driftPpm / 1_000_000;
        last = Math.max(last, reading);
        return last;
    }

    private void reread(long wall) {
        try {
            if (!Files.exists(file)) {
                return;
            }
            String[] fields = Files.readString(file, StandardCharsets.US_ASCII).trim().split("\\s+");
            long offset = Long.parseLong(fields[0]);
            long drift = fields.length > 1 ? Long.parseLong(fields[1]) : 0;
            if (drift != driftPpm) {
                // What the old drift added so far stays; the new one runs from now, so the clock does not jump.
                driftedMicros += (wall - driftSinceMicros) * driftPpm / 1_000_000;
                driftSinceMicros = wall;
                driftPpm = drift;
            }
            offsetMicros = offset;
        } catch (IOException | RuntimeException e) {
            // A file caught half-written or unreadable: keep the last setting and try again next time.
        }
    }

    static long wallMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
