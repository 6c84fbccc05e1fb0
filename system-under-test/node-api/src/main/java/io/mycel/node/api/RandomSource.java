package io.mycel.node.api;

/**
 * A seeded stream of random numbers. {@link #fork(String)} derives an independent stream from this
 * stream's seed and a name, without consuming from this stream, so adding a consumer never shifts
 * the draws of another.
 */
public interface RandomSource {

    long nextLong();

    /** Uniform in [0, bound). */
    int nextInt(int bound);

    /** Uniform in [0, 1). */
    double nextDouble();

    /** True with the given probability. */
    default boolean chance(double probability) {
        return probability > 0 && nextDouble() < probability;
    }

    /** Uniform in [min, max]. */
    default long nextLong(long min, long max) {
        if (max < min) {
            throw new IllegalArgumentException("empty range " + min + ".." + max);
        }
        long span = max - min + 1;
        if (span <= 0) {
            return nextLong();
        }
        return min + Math.floorMod(nextLong(), span);
    }

    /** Standard normal draw (Box-Muller). */
    default double nextGaussian() {
        double u1 = 1.0 - nextDouble();
        double u2 = nextDouble();
        return Math.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    RandomSource fork(String name);
}
