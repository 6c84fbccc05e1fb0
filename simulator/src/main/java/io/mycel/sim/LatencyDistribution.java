package io.mycel.sim;

import io.mycel.node.api.Durations;
import io.mycel.node.api.RandomSource;

/** How long a message takes on a link, in microseconds of virtual time; never negative. */
public sealed interface LatencyDistribution {

    long sampleMicros(RandomSource random);

    /** True when every draw is the same, so a link cannot reorder on its own. */
    default boolean isConstant() {
        return false;
    }

    record Constant(long micros) implements LatencyDistribution {
        public Constant {
            requireNonNegative(micros, "constant latency");
        }

        @Override
        public long sampleMicros(RandomSource random) {
            return micros;
        }

        @Override
        public boolean isConstant() {
            return true;
        }

        @Override
        public String toString() {
            return "constant " + Durations.format(micros);
        }
    }

    record Uniform(long minMicros, long maxMicros) implements LatencyDistribution {
        public Uniform {
            requireNonNegative(minMicros, "uniform min");
            if (maxMicros < minMicros) {
                throw new IllegalArgumentException("uniform max " + maxMicros + "us is below min " + minMicros + "us");
            }
        }

        @Override
        public long sampleMicros(RandomSource random) {
            return random.nextLong(minMicros, maxMicros);
        }

        @Override
        public boolean isConstant() {
            return minMicros == maxMicros;
        }

        @Override
        public String toString() {
            return "uniform " + Durations.format(minMicros) + ".." + Durations.format(maxMicros);
        }
    }

    /** Normal, cut at zero (a draw below zero becomes zero). */
    record Normal(long meanMicros, long stddevMicros) implements LatencyDistribution {
        public Normal {
            requireNonNegative(meanMicros, "normal mean");
            requireNonNegative(stddevMicros, "normal stddev");
        }

        @Override
        public long sampleMicros(RandomSource random) {
            return Math.max(0, Math.round(meanMicros + stddevMicros * random.nextGaussian()));
        }

        @Override
        public boolean isConstant() {
            return stddevMicros == 0;
        }

        @Override
        public String toString() {
            return "normal mean " + Durations.format(meanMicros) + " stddev " + Durations.format(stddevMicros);
        }
    }

    /**
     * Log-normal: the long right tail of real radio and WAN links. Given as median and 99th
     * percentile, which people can read off a latency plot.
     */
    record LogNormal(long medianMicros, long p99Micros) implements LatencyDistribution {
        /** The standard normal's 99th percentile. */
        private static final double Z99 = 2.3263478740408408;

        public LogNormal {
            if (medianMicros <= 0) {
                throw new IllegalArgumentException("log-normal median must be positive");
            }
            if (p99Micros < medianMicros) {
                throw new IllegalArgumentException("log-normal p99 must be at least the median");
            }
        }

        @Override
        public long sampleMicros(RandomSource random) {
            double mu = StrictMath.log(medianMicros);
            double sigma = (StrictMath.log(p99Micros) - mu) / Z99;
            return Math.round(StrictMath.exp(mu + sigma * random.nextGaussian()));
        }

        @Override
        public boolean isConstant() {
            return p99Micros == medianMicros;
        }

        @Override
        public String toString() {
            return "lognormal median " + Durations.format(medianMicros) + " p99 " + Durations.format(p99Micros);
        }
    }

    private static void requireNonNegative(long micros, String what) {
        if (micros < 0) {
            throw new IllegalArgumentException(what + " must not be negative: " + micros + "us");
        }
    }
}
