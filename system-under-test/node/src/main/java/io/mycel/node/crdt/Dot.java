package io.mycel.node.crdt;

import java.util.Objects;

/** One event: the {@code counter}-th update made by {@code replica}. Ordered by replica, then counter. */
public record Dot(String replica, long counter) implements Comparable<Dot> {

    public Dot {
        Objects.requireNonNull(replica, "replica");
        if (counter < 1) {
            throw new IllegalArgumentException("dot counters start at 1: " + counter);
        }
    }

    @Override
    public int compareTo(Dot other) {
        int byReplica = replica.compareTo(other.replica);
        return byReplica != 0 ? byReplica : Long.compare(counter, other.counter);
    }

    @Override
    public String toString() {
        return replica + ":" + counter;
    }
}
