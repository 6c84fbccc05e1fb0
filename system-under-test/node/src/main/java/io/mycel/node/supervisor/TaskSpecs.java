package io.mycel.node.supervisor;

import io.mycel.node.api.NodeId;
import io.mycel.node.ring.HashRing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The task specs the cluster runs, named {@code t1..tN}, with their ring positions sorted, so the
 * specs a node owns are found from its arcs by binary search, not by asking the ring about every
 * spec (a mesh of ten thousand nodes runs a million specs).
 */
public final class TaskSpecs {

    private final int count;
    /** Ring positions in unsigned order, each with its spec number. */
    private final long[] positions;
    private final int[] numbers;

    public TaskSpecs(int count) {
        this.count = count;
        long[][] pairs = new long[count][];
        for (int i = 1; i <= count; i++) {
            pairs[i - 1] = new long[] {HashRing.position(name(i)), i};
        }
        Arrays.sort(pairs, (a, b) -> Long.compareUnsigned(a[0], b[0]));
        positions = new long[count];
        numbers = new int[count];
        for (int i = 0; i < count; i++) {
            positions[i] = pairs[i][0];
            numbers[i] = (int) pairs[i][1];
        }
    }

    public static String name(int number) {
        return "t" + number;
    }

    /** The spec's number, or -1 when {@code name} names no spec of these. */
    public int number(String name) {
        if (name.length() < 2 || name.charAt(0) != 't') {
            return -1;
        }
        try {
            int n = Integer.parseInt(name.substring(1));
            return n >= 1 && n <= count && name.equals(name(n)) ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public int count() {
        return count;
    }

    /** The specs {@code node} owns on {@code ring}, in name order. */
    public TreeSet<String> ownedBy(HashRing ring, NodeId node) {
        TreeSet<String> out = new TreeSet<>();
        if (ring.members().size() == 1 && ring.members().get(0).equals(node)) {
            for (int i = 1; i <= count; i++) {
                out.add(name(i));
            }
            return out;
        }
        for (long[] arc : ring.arcs(node)) {
            addBetween(arc[0], arc[1], out);
        }
        return out;
    }

    /** Adds the specs at positions in (from, to], going round when from >= to. */
    private void addBetween(long from, long to, TreeSet<String> out) {
        if (Long.compareUnsigned(from, to) < 0) {
            for (int i = firstAfter(from); i < count && Long.compareUnsigned(positions[i], to) <= 0; i++) {
                out.add(name(numbers[i]));
            }
        } else {
            for (int i = firstAfter(from); i < count; i++) {
                out.add(name(numbers[i]));
            }
            for (int i = 0; i < count && Long.compareUnsigned(positions[i], to) <= 0; i++) {
                out.add(name(numbers[i]));
            }
        }
    }

    private int firstAfter(long position) {
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(positions[mid], position) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Every spec name, in number order. */
    public List<String> all() {
        List<String> out = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            out.add(name(i));
        }
        return out;
    }
}
