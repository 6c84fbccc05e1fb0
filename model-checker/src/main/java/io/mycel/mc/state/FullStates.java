package io.mycel.mc.state;

import java.util.Arrays;
import java.util.HashMap;

/** States as their whole encodings, compared byte for byte. */
final class FullStates implements VisitedStates {

    /** Object header, array header, the key, its map entry and table slot, roughly, on a 64-bit JVM. */
    private static final int OVERHEAD_BYTES = 16 + 24 + 32 + 8;

    private final HashMap<ByteKey, Integer> depths = new HashMap<>();
    private long payload;

    @Override
    public boolean visit(byte[] bytes, int length, long hash, int depth) {
        ByteKey key = new ByteKey(Arrays.copyOf(bytes, length), hash);
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
