package io.mycel.viz.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Each battery-powered node's state of charge over a run, from the trace's {@code energy} records. */
final class ChargeHistory {

    /** Per node: the times of its readings and the charge read, in time order. */
    private final List<long[]> times = new ArrayList<>();
    private final List<double[]> charges = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();

    void add(int node, long micros, double soc) {
        while (times.size() <= node) {
            times.add(new long[16]);
            charges.add(new double[16]);
            sizes.add(0);
        }
        int n = sizes.get(node);
        if (n == times.get(node).length) {
            times.set(node, Arrays.copyOf(times.get(node), n * 2));
            charges.set(node, Arrays.copyOf(charges.get(node), n * 2));
        }
        times.get(node)[n] = micros;
        charges.get(node)[n] = soc;
        sizes.set(node, n + 1);
    }

    /** The node's charge (0 to 1) as last read at or before {@code micros}; NaN for a node on mains or before its first reading. */
    double at(int node, long micros) {
        if (node >= times.size() || sizes.get(node) == 0) {
            return Double.NaN;
        }
        long[] t = times.get(node);
        int lo = 0;
        int hi = sizes.get(node);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] <= micros) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == 0 ? Double.NaN : charges.get(node)[lo - 1];
    }
}
