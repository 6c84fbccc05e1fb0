package io.mycel.hil.bench;

import java.util.Arrays;

/** A growable array of latencies and counts for one load; not thread-safe (one thread records). */
final class LatencyLog {

    private long[] latencies = new long[1 << 14];
    private int size;
    private long failed;

    void ok(long micros) {
        if (size == latencies.length) {
            latencies = Arrays.copyOf(latencies, size * 2);
        }
        latencies[size++] = micros;
    }

    void failed() {
        failed++;
    }

    LoadResult result(String system, int clients, double seconds) {
        return new LoadResult(system, clients, size, failed, seconds, Arrays.copyOf(latencies, size));
    }

    /** Adds another thread's log into this one, once both are done. */
    void addAll(LatencyLog other) {
        for (int i = 0; i < other.size; i++) {
            ok(other.latencies[i]);
        }
        failed += other.failed;
    }
}
