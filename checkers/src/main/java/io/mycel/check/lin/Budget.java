package io.mycel.check.lin;

import java.time.Duration;

/**
 * Limits on one check. Past either limit the answer is {@code unknown}: the search stops, frees what
 * it holds and says which limit it met, instead of hanging or running out of memory.
 *
 * @param timeNanos wall time for the whole check, evidence included
 * @param memoryBytes an estimate of what the search may keep in its cache of visited states
 * @param evidenceNanos wall time for finding the minimal failing set after a failure, within
 *     {@code timeNanos}; when it runs out the evidence says its set may not be minimal
 */
public record Budget(long timeNanos, long memoryBytes, long evidenceNanos) {

    public Budget {
        if (timeNanos <= 0 || memoryBytes <= 0 || evidenceNanos <= 0) {
            throw new IllegalArgumentException("a budget must be positive: " + timeNanos + " ns, " + memoryBytes
                    + " bytes, " + evidenceNanos + " ns for evidence");
        }
    }

    public Budget(long timeNanos, long memoryBytes) {
        this(timeNanos, memoryBytes, Math.min(timeNanos, Duration.ofSeconds(10).toNanos()));
    }

    /** A minute, and half of what the heap may grow to (at most 4 GiB). */
    public static Budget standard() {
        return of(Duration.ofMinutes(1), Math.min(4L << 30, Runtime.getRuntime().maxMemory() / 2));
    }

    public static Budget of(Duration time, long memoryBytes) {
        return new Budget(time.toNanos(), memoryBytes);
    }

    public Budget withTime(Duration time) {
        return new Budget(time.toNanos(), memoryBytes, Math.min(evidenceNanos, time.toNanos()));
    }
}
