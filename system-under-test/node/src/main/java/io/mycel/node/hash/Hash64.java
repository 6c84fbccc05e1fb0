package io.mycel.node.hash;

/**
 * The 64-bit hash that places names in Mycel's key spaces (the DHT's, the ring's): FNV-1a over the
 * name's UTF-16 code units, which needs no encoding step on a hot path, then the SplitMix64
 * finaliser, so that names differing in one character land far apart. Stable across runs and
 * machines; not a defence against chosen names.
 */
public final class Hash64 {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Hash64() {
    }

    public static long of(String name) {
        long h = FNV_OFFSET;
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= FNV_PRIME;
        }
        return mix(h);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
