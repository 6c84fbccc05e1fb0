package io.mycel.node.ring;

import io.mycel.node.api.NodeId;
import io.mycel.node.hash.Hash64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A consistent-hash ring with virtual nodes, computed from a set of members: each member owns
 * {@code vnodes} tokens at the hashes of {@code name#0}, {@code name#1}, ...; a key belongs to the
 * member of the first token at or after the key's hash, going round. The ring is a pure function of
 * the member set, so nodes that agree on membership agree on every owner, and a member joining or
 * leaving moves only the keys between its tokens and their predecessors (about 1/n of them).
 *
 * <p>Immutable: a membership change makes a new ring. Tokens sit in one sorted array, so a lookup is
 * a binary search.
 */
public final class HashRing {

    private final List<NodeId> members;
    private final int vnodes;
    /** Token positions, in unsigned order. */
    private final long[] tokens;
    /** The member index owning each token. */
    private final int[] owners;
    /** For each member, the indices of its tokens. */
    private final int[][] tokensOf;

    public HashRing(Collection<NodeId> members, int vnodes) {
        if (vnodes < 1) {
            throw new IllegalArgumentException("at least one virtual node per member, got " + vnodes);
        }
        this.members = List.copyOf(new TreeSet<>(members));
        this.vnodes = vnodes;
        int size = this.members.size() * vnodes;
        long[] positions = new long[size];
        int[] memberOf = new int[size];
        // sort (token, member) pairs by token as unsigned; flipping the sign bit makes signed order unsigned
        long[][] pairs = new long[size][];
        for (int m = 0; m < this.members.size(); m++) {
            String name = this.members.get(m).name();
            for (int v = 0; v < vnodes; v++) {
                pairs[m * vnodes + v] = new long[] {Hash64.of(name + "#" + v) ^ Long.MIN_VALUE, m};
            }
        }
        Arrays.sort(pairs, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        for (int i = 0; i < size; i++) {
            positions[i] = pairs[i][0] ^ Long.MIN_VALUE;
            memberOf[i] = (int) pairs[i][1];
        }
        this.tokens = positions;
        this.owners = memberOf;
        this.tokensOf = new int[this.members.size()][vnodes];
        int[] filled = new int[this.members.size()];
        for (int i = 0; i < size; i++) {
            tokensOf[memberOf[i]][filled[memberOf[i]]++] = i;
        }
    }

    /** The position of a key (a task name, say) on the ring. */
    public static long position(String key) {
        return Hash64.of(key);
    }

    public List<NodeId> members() {
        return members;
    }

    public int vnodes() {
        return vnodes;
    }

    public boolean isEmpty() {
        return members.isEmpty();
    }

    /** Whether {@code node} is a member (a binary search: members are kept in order). */
    public boolean contains(NodeId node) {
        return indexOf(node) >= 0;
    }

    private int indexOf(NodeId node) {
        int at = java.util.Collections.binarySearch(members, node);
        return at >= 0 ? at : -1;
    }

    /** The index of the first token at or after {@code position}, going round. */
    private int successor(long position) {
        int lo = 0;
        int hi = tokens.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(tokens[mid], position) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == tokens.length ? 0 : lo;
    }

    /** The member that owns {@code key}; null on an empty ring. */
    public NodeId owner(String key) {
        return isEmpty() ? null : members.get(owners[successor(position(key))]);
    }

    /**
     * The preference list of {@code key}: the first {@code n} distinct members met going round from
     * its position (fewer when the ring has fewer members). The first is the owner.
     */
    public List<NodeId> preferenceList(String key, int n) {
        List<NodeId> out = new ArrayList<>(n);
        if (isEmpty()) {
            return out;
        }
        int want = Math.min(n, members.size());
        boolean[] taken = new boolean[members.size()];
        for (int i = successor(position(key)), seen = 0; out.size() < want && seen < tokens.length; i = (i + 1) % tokens.length, seen++) {
            if (!taken[owners[i]]) {
                taken[owners[i]] = true;
                out.add(members.get(owners[i]));
            }
        }
        return out;
    }

    /**
     * The arcs of the ring {@code member} owns, each as {@code {from, to}}: the positions after
     * {@code from} up to and including {@code to}, going round (so {@code from} may exceed {@code to}
     * as an unsigned number when the arc wraps). Empty when it is not a member.
     */
    public List<long[]> arcs(NodeId member) {
        int m = indexOf(member);
        List<long[]> out = new ArrayList<>();
        if (m < 0) {
            return out;
        }
        for (int i : tokensOf[m]) {
            out.add(new long[] {tokens[(i + tokens.length - 1) % tokens.length], tokens[i]});
        }
        return out;
    }

    /** The share of the key space each member owns (sums to 1), by member. */
    public TreeMap<NodeId, Double> shares() {
        double[] owned = new double[members.size()];
        for (int i = 0; i < tokens.length; i++) {
            // the arc (previous token, this token] belongs to this token's owner
            long previous = tokens[(i + tokens.length - 1) % tokens.length];
            long arc = tokens.length == 1 ? -1L : tokens[i] - previous;   // unsigned, wraps round on its own
            owned[owners[i]] += unsigned(arc) / 18446744073709551616.0;
        }
        TreeMap<NodeId, Double> out = new TreeMap<>();
        for (int m = 0; m < members.size(); m++) {
            out.put(members.get(m), owned[m]);
        }
        return out;
    }

    private static double unsigned(long value) {
        return value >= 0 ? value : (value >>> 1) * 2.0 + (value & 1);
    }

    /**
     * How evenly {@code loads} spread over the members: the coefficient of variation (standard
     * deviation over mean) and the largest load over the mean.
     */
    public record Balance(double cv, double maxOverMean) {

        public static Balance of(Collection<? extends Number> loads) {
            if (loads.isEmpty()) {
                return new Balance(0, 1);
            }
            double sum = 0;
            double max = 0;
            for (Number load : loads) {
                sum += load.doubleValue();
                max = Math.max(max, load.doubleValue());
            }
            double mean = sum / loads.size();
            if (mean == 0) {
                return new Balance(0, 1);
            }
            double squares = 0;
            for (Number load : loads) {
                squares += (load.doubleValue() - mean) * (load.doubleValue() - mean);
            }
            return new Balance(Math.sqrt(squares / loads.size()) / mean, max / mean);
        }
    }
}
