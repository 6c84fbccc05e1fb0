package io.mycel.node.crdt;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableSet;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The set of dots (events) a replica has seen, kept compact: per replica the greatest counter up to
 * which every dot was seen (a version vector), plus the dots seen beyond a gap (the dot cloud),
 * which arrive through deltas. {@link #compact()} folds cloud dots that close a gap into the vector.
 */
public final class CausalContext {

    public static final CausalContext EMPTY = new CausalContext(new TreeMap<>(), new TreeSet<>());

    private final SortedMap<String, Long> vector;
    private final NavigableSet<Dot> cloud;

    private CausalContext(SortedMap<String, Long> vector, NavigableSet<Dot> cloud) {
        this.vector = vector;
        this.cloud = cloud;
    }

    /** A context from a version vector and a cloud, as decoded; compacted, so equal contexts are equal. */
    static CausalContext of(SortedMap<String, Long> vector, NavigableSet<Dot> cloud) {
        return new CausalContext(new TreeMap<>(vector), new TreeSet<>(cloud)).compact();
    }

    public static CausalContext of(Iterable<Dot> dots) {
        TreeSet<Dot> cloud = new TreeSet<>();
        dots.forEach(cloud::add);
        return new CausalContext(new TreeMap<>(), cloud).compact();
    }

    public boolean contains(Dot dot) {
        return vector.getOrDefault(dot.replica(), 0L) >= dot.counter() || cloud.contains(dot);
    }

    /** The next dot for {@code replica}: one past the greatest it has seen. */
    public Dot next(String replica) {
        long max = vector.getOrDefault(replica, 0L);
        for (Dot dot : cloud.subSet(new Dot(replica, 1), true, new Dot(replica, Long.MAX_VALUE), true)) {
            max = Math.max(max, dot.counter());
        }
        return new Dot(replica, max + 1);
    }

    public CausalContext add(Dot dot) {
        if (contains(dot)) {
            return this;
        }
        TreeSet<Dot> grown = new TreeSet<>(cloud);
        grown.add(dot);
        return new CausalContext(new TreeMap<>(vector), grown).compact();
    }

    public CausalContext merge(CausalContext other) {
        TreeMap<String, Long> joined = new TreeMap<>(vector);
        other.vector.forEach((replica, max) -> joined.merge(replica, max, Math::max));
        TreeSet<Dot> cloudUnion = new TreeSet<>(cloud);
        cloudUnion.addAll(other.cloud);
        return new CausalContext(joined, cloudUnion).compact();
    }

    /** Moves cloud dots that extend a replica's contiguous run into the vector, and drops covered ones. */
    private CausalContext compact() {
        TreeMap<String, Long> compacted = new TreeMap<>(vector);
        TreeSet<Dot> rest = new TreeSet<>();
        for (Dot dot : cloud) {
            long max = compacted.getOrDefault(dot.replica(), 0L);
            if (dot.counter() == max + 1) {
                compacted.put(dot.replica(), dot.counter());
            } else if (dot.counter() > max) {
                rest.add(dot);
            }
        }
        // Dots in the cloud are visited in order, so a run that now continues is folded above; any
        // left in the rest sit beyond a gap.
        return new CausalContext(compacted, rest);
    }

    public Map<String, Long> vector() {
        return Collections.unmodifiableMap(vector);
    }

    public NavigableSet<Dot> cloud() {
        return Collections.unmodifiableNavigableSet(cloud);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CausalContext c && c.vector.equals(vector) && c.cloud.equals(cloud);
    }

    @Override
    public int hashCode() {
        return vector.hashCode() * 31 + cloud.hashCode();
    }

    @Override
    public String toString() {
        return "{" + vector + (cloud.isEmpty() ? "" : " + " + cloud) + "}";
    }
}
