package io.mycel.check.crdt;

import java.util.BitSet;
import java.util.List;

/** Whether a value is the sum of some subset of given deltas: what a counter read can show. */
final class SubsetSums {

    /** Above this many distinct reachable sums, the exact search gives way to bounds. */
    private static final int EXACT_LIMIT = 1 << 22;

    private SubsetSums() {
    }

    /**
     * Exact for non-negative deltas whose total is at most about four million (a bitset of reachable
     * sums, one shift-or per delta); otherwise true when the value lies between the sum of the
     * negative deltas and the sum of the positive ones, which is necessary but not sufficient.
     */
    static boolean reachable(List<Long> deltas, long value) {
        long low = 0;
        long high = 0;
        for (long d : deltas) {
            if (d < 0) {
                low += d;
            } else {
                high += d;
            }
        }
        if (value < low || value > high) {
            return false;
        }
        if (low < 0 || high > EXACT_LIMIT) {
            return true;
        }
        // The common case in one pass: small deltas, sorted, each at most one more than all before
        // it together, reach every sum from 0 to their total.
        long[] sorted = deltas.stream().mapToLong(Long::longValue).sorted().toArray();
        long prefix = 0;
        boolean contiguous = true;
        for (long d : sorted) {
            if (d > prefix + 1) {
                contiguous = false;
                break;
            }
            prefix += d;
        }
        if (contiguous) {
            return true;
        }
        BitSet sums = new BitSet((int) high + 1);
        sums.set(0);
        for (long d : deltas) {
            if (d > 0) {
                BitSet shifted = new BitSet((int) high + 1);
                for (int s = sums.nextSetBit(0); s >= 0 && s + d <= high; s = sums.nextSetBit(s + 1)) {
                    shifted.set((int) (s + d));
                }
                sums.or(shifted);
            }
        }
        return sums.get((int) value);
    }
}
