package io.mycel.viz.replay;

import java.util.function.IntToLongFunction;

/** Binary searches over things kept in time order: what holds at an instant is the last one at or before it. */
final class Timeline {

    private Timeline() {
    }

    /** The last of {@code size} entries, in time order, whose time is at most {@code micros}; -1 when none is. */
    static int lastAtOrBefore(int size, IntToLongFunction time, long micros) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (time.applyAsLong(mid) <= micros) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - 1;
    }
}
