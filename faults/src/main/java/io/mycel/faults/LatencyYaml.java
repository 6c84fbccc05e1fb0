package io.mycel.faults;

import io.mycel.node.api.Durations;
import io.mycel.sim.LatencyDistribution;

/** The scenario-file form of a latency distribution, as the loader reads it. */
public final class LatencyYaml {

    private LatencyYaml() {
    }

    public static String of(LatencyDistribution latency) {
        if (latency instanceof LatencyDistribution.Constant c) {
            return "{dist: constant, value: " + Durations.format(c.micros()) + "}";
        }
        if (latency instanceof LatencyDistribution.Uniform u) {
            return "{dist: uniform, min: " + Durations.format(u.minMicros()) + ", max: " + Durations.format(u.maxMicros()) + "}";
        }
        if (latency instanceof LatencyDistribution.Normal n) {
            return "{dist: normal, mean: " + Durations.format(n.meanMicros()) + ", stddev: " + Durations.format(n.stddevMicros()) + "}";
        }
        LatencyDistribution.LogNormal l = (LatencyDistribution.LogNormal) latency;
        return "{dist: lognormal, median: " + Durations.format(l.medianMicros()) + ", p99: " + Durations.format(l.p99Micros()) + "}";
    }
}
