package io.mycel.node.dht;

import java.util.Comparator;

/**
 * How distances compare. Kademlia compares XOR distances as unsigned numbers; {@link #SIGNED} plants
 * the classic bug of comparing them as Java's signed longs, which makes every key with the top bit
 * of its distance set look closer than any other and sends lookups the wrong way.
 */
enum KeyOrder {
    UNSIGNED, SIGNED;

    boolean unsigned() {
        return this == UNSIGNED;
    }

    int compare(long distanceA, long distanceB) {
        return unsigned() ? Long.compareUnsigned(distanceA, distanceB) : Long.compare(distanceA, distanceB);
    }

    Comparator<Contact> byDistanceTo(DhtKey target) {
        return (a, b) -> {
            int c = compare(a.key().distance(target), b.key().distance(target));
            return c != 0 ? c : a.node().compareTo(b.node());
        };
    }
}
