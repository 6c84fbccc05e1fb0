package io.mycel.viz.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Each battery-powered node's state of charge over a run, from the trace's {@code energy} records. */
final class ChargeHistory {

    /** One node's readings in time order. */
    private static final class Readings {
        long[] times = new long[16];
        double[] charges = new double[16];
        int size;

        void add(long micros, double soc) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                charges = Arrays.copyOf(charges, size * 2);
            }
            times[size] = micros;
            charges[size++] = soc;
        }
    }

    private final List<Readings> nodes = new ArrayList<>();

    void add(int node, long micros, double soc) {
        while (nodes.size() <= node) {
            nodes.add(new Readings());
        }
        nodes.get(node).add(micros, soc);
    }

    /** The node's charge (0 to 1) as last read at or before {@code micros}; NaN for a node on mains or before its first reading. */
    double at(int node, long micros) {
        if (node >= nodes.size()) {
            return Double.NaN;
        }
        Readings r = nodes.get(node);
        int i = Timeline.lastAtOrBefore(r.size, k -> r.times[k], micros);
        return i < 0 ? Double.NaN : r.charges[i];
    }
}
