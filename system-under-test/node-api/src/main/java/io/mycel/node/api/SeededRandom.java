package io.mycel.node.api;

import java.nio.charset.StandardCharsets;

/**
 * xoshiro256** (Blackman and Vigna) seeded through SplitMix64. Fast, small state, and good enough
 * for simulation; not for cryptography.
 *
 * <p>A stream remembers the seed it was made from; {@link #fork(String)} mixes that seed with the
 * name (FNV-1a, then SplitMix64), so a fork depends only on its ancestry of names and the root seed.
 */
public final class SeededRandom implements RandomSource {

    private final long seed;
    private long s0;
    private long s1;
    private long s2;
    private long s3;

    public SeededRandom(long seed) {
        this.seed = seed;
        long x = seed;
        x += 0x9E3779B97F4A7C15L;
        s0 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s1 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s2 = mix(x);
        x += 0x9E3779B97F4A7C15L;
        s3 = mix(x);
    }

    public long seed() {
        return seed;
    }

    @Override
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    @Override
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        // Lemire's multiply-shift: unbiased enough for simulation at these bounds, and branch-free.
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    @Override
    public SeededRandom fork(String name) {
        long h = 0xCBF29CE484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001B3L;
        }
        return new SeededRandom(mix(seed ^ mix(h)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
