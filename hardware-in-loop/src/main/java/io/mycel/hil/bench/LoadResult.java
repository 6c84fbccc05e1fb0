package io.mycel.hil.bench;

import java.util.Arrays;

/**
 * What a closed-loop load measured in its window: writes acknowledged per second, and the latency
 * of each acknowledged write from request to answer.
 *
 * @param failed requests answered with a failure or not answered in time
 */
record LoadResult(String system, int clients, long acknowledged, long failed, double seconds, long[] latenciesMicros) {

    double perSecond() {
        return acknowledged / seconds;
    }

    /** The latency below which {@code q} of the acknowledged writes fall, in milliseconds. */
    double percentileMillis(double q) {
        if (latenciesMicros.length == 0) {
            return Double.NaN;
        }
        long[] sorted = latenciesMicros.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }

    LoadResult named(String name) {
        return new LoadResult(name, clients, acknowledged, failed, seconds, latenciesMicros);
    }
}
