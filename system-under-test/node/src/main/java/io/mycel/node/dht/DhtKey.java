package io.mycel.node.dht;

import io.mycel.node.api.NodeId;
import io.mycel.node.hash.Hash64;

/**
 * A point of Kademlia's key space: 64 bits, with the XOR of two keys as their distance, compared
 * as unsigned numbers. Nodes and service names share the space: a node's key is the hash of its
 * name, a service's the hash of the service name.
 *
 * <p>64 bits rather than Kademlia's 160: two of a million keys collide with odds of about 1 in
 * 3.7e7, and a key fits a {@code long}, so distances are one XOR and one unsigned compare. The
 * hash ({@link Hash64}) is not a defence against a node that picks its own key; authenticating
 * node names is the job of node identity, not of routing.
 */
public record DhtKey(long bits) implements Comparable<DhtKey> {

    /** The key of a name: a service name, or a node's name. */
    public static DhtKey of(String name) {
        return new DhtKey(Hash64.of(name));
    }

    public static DhtKey of(NodeId node) {
        return of(node.name());
    }

    /** The XOR distance, to be compared with {@link Long#compareUnsigned}. */
    public long distance(DhtKey other) {
        return bits ^ other.bits;
    }

    /**
     * The k-bucket {@code other} falls in, seen from this key: the index of the highest bit in which
     * they differ (0..63), or -1 for the same key.
     */
    public int bucketOf(DhtKey other) {
        long d = distance(other);
        return d == 0 ? -1 : 63 - Long.numberOfLeadingZeros(d);
    }

    /** Orders keys as unsigned numbers. */
    @Override
    public int compareTo(DhtKey other) {
        return Long.compareUnsigned(bits, other.bits);
    }

    @Override
    public String toString() {
        return String.format("%016x", bits);
    }
}
