package io.mycel.mc.state;

import java.util.Arrays;
import java.util.HashMap;

/** States as their whole encodings, compared byte for byte. */
final class FullStates implements VisitedStates {

    /** Object header, array header, the key, its map entry and table slot, roughly, on a 64-bit JVM. */
    private static final int OVERHEAD_BYTES = 16 + 24 + 32 + 8;

    private static final class Key {
        final byte[] bytes;
        final int hash;

        Key(byte[] bytes, int hash) {
            this.bytes = bytes;
            this.hash = hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final HashMap<Key, Integer> depths = new HashMap<>();
    private long payload;

    @Override
    public boolean visit(byte[] bytes, int length, int depth) {
        long h = StateHash.of(bytes, length);
        Key key = new Key(Arrays.copyOf(bytes, length), (int) (h ^ (h >>> 32)));
        Integer before = depths.get(key);
        if (before == null) {
            depths.put(key, depth);
            payload += length;
            return true;
        }
        if (depth < before) {
            depths.put(key, depth);
            return true;
        }
        return false;
    }

    @Override
    public long size() {
        return depths.size();
    }

    @Override
    public double bytesPerState() {
        return depths.isEmpty() ? 0 : (double) payload / depths.size() + OVERHEAD_BYTES;
    }

    @Override
    public String describe() {
        return "full states";
    }
}
