package io.mycel.mc.state;

import java.util.Arrays;

/** States as 64-bit hashes in an open-addressing table, with their least depth beside them. */
final class HashedStates implements VisitedStates {

    private static final long EMPTY = 0;

    private long[] keys = new long[1 << 10];
    private int[] depths = new int[1 << 10];
    private long size;

    @Override
    public boolean visit(byte[] bytes, int length, long hash, int depth) {
        long h = hash;
        if (h == EMPTY) {
            h = 1;   // zero marks a free slot
        }
        if ((size + 1) * 4 > keys.length * 3L) {
            grow();
        }
        int mask = keys.length - 1;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (keys[i] != EMPTY) {
            if (keys[i] == h) {
                if (depth < depths[i]) {
                    depths[i] = depth;
                    return true;
                }
                return false;
            }
            i = (i + 1) & mask;
        }
        keys[i] = h;
        depths[i] = depth;
        size++;
        return true;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldDepths = depths;
        keys = new long[oldKeys.length * 2];
        depths = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            long h = oldKeys[j];
            if (h != EMPTY) {
                int i = (int) (h ^ (h >>> 32)) & mask;
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = h;
                depths[i] = oldDepths[j];
            }
        }
        Arrays.fill(oldKeys, 0);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public double bytesPerState() {
        return size == 0 ? 0 : keys.length * 12.0 / size;
    }

    @Override
    public String describe() {
        return "64-bit hashes";
    }
}
