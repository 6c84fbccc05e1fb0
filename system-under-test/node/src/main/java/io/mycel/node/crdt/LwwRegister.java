package io.mycel.node.crdt;

import java.util.Objects;

/**
 * A last-writer-wins register: each write carries a timestamp (from the node's clock, passed in by
 * the caller) and the writer's id; the greater (timestamp, replica) pair wins, so ties are broken
 * the same way everywhere. A write whose clock runs behind loses to earlier writes: that is the
 * price of LWW, and why skewed clocks are a fault the lab injects.
 *
 * @param replica the writer, or "" for the empty register
 */
public record LwwRegister<V>(long timestamp, String replica, V value) implements Crdt<LwwRegister<V>> {

    public LwwRegister {
        Objects.requireNonNull(replica, "replica");
    }

    public static <V> LwwRegister<V> empty() {
        return new LwwRegister<>(Long.MIN_VALUE, "", null);
    }

    /** The delta of {@code replica} writing {@code value} at {@code timestamp}: the new register itself. */
    public LwwRegister<V> write(long timestamp, String replica, V value) {
        return new LwwRegister<>(timestamp, replica, value);
    }

    @Override
    public LwwRegister<V> merge(LwwRegister<V> other) {
        if (timestamp != other.timestamp) {
            return timestamp > other.timestamp ? this : other;
        }
        int byReplica = replica.compareTo(other.replica);
        if (byReplica != 0) {
            return byReplica > 0 ? this : other;
        }
        // The same writer at the same instant wrote twice: keep one deterministically.
        return String.valueOf(value).compareTo(String.valueOf(other.value)) >= 0 ? this : other;
    }
}
