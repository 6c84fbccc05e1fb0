package io.mycel.node.dht;

import io.mycel.node.api.NodeId;

/**
 * A point of Kademlia's key space: 64 bits, with the XOR of two keys as their distance, compared
 * as unsigned numbers. Nodes and service names share the space: a node's key is the hash of its
 * name, a service's the hash of the service name.
 *
 * <p>64 bits rather than Kademlia's 160: two of a million keys collide with odds of about 1 in
 * 3.7e7, and a key fits a {@code long}, so distances are one XOR and one unsigned compare. The
 * hash (FNV-1a over the name's UTF-16 code units, which needs no encoding step on a hot path, then
 * the SplitMix64 finaliser to spread the bits) is not a defence against a node that picks its own
 * key; authenticating node names is the job of node identity, not of routing.
 */
public record DhtKey(long bits) implements Comparable<DhtKey> {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /** The key of a name: a service name, or a node's name. */
    public static DhtKey of(String name) {
        long h = FNV_OFFSET;
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= FNV_PRIME;
        }
        return new DhtKey(mix(h));
    }

    public static DhtKey of(NodeId node) {
        return of(node.name());
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
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
