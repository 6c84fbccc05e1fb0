package io.mycel.node.dht;

import io.mycel.node.api.NodeId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A node's Kademlia routing table: one {@link KBucket} per bit of the key space, bucket i holding
 * contacts whose distance from this node has its highest bit at i. Buckets are made on first use,
 * so a table costs what it holds.
 */
final class RoutingTable {

    private final Contact self;
    private final int k;
    private final KBucket[] buckets = new KBucket[64];
    private final KeyOrder order;
    private int size;

    RoutingTable(Contact self, int k, KeyOrder order) {
        this.self = self;
        this.k = k;
        this.order = order;
    }

    /**
     * The contact was heard from (it sent us something). Returns a contact to probe when its bucket
     * is full, else null.
     */
    Contact observe(Contact contact) {
        int index = self.key().bucketOf(contact.key());
        if (index < 0) {
            return null;   // ourselves, or a name that hashes to our key
        }
        KBucket bucket = buckets[index];
        if (bucket == null) {
            bucket = buckets[index] = new KBucket(k);
        }
        int before = bucket.size();
        Contact probe = bucket.observe(contact);
        size += bucket.size() - before;
        return probe;
    }

    void probeFailed(Contact contact) {
        KBucket bucket = bucketFor(contact);
        if (bucket != null) {
            int before = bucket.size();
            bucket.probeFailed(contact);
            size += bucket.size() - before;
        }
    }

    void rpcFailed(Contact contact, int staleAfter) {
        KBucket bucket = bucketFor(contact);
        if (bucket != null) {
            int before = bucket.size();
            bucket.rpcFailed(contact.node(), staleAfter);
            size += bucket.size() - before;
        }
    }

    private KBucket bucketFor(Contact contact) {
        int index = self.key().bucketOf(contact.key());
        return index < 0 ? null : buckets[index];
    }

    boolean contains(Contact contact) {
        KBucket bucket = bucketFor(contact);
        return bucket != null && bucket.contains(contact.node());
    }

    /** Contacts the table holds. */
    int size() {
        return size;
    }

    /** Whether bucket {@code index} holds anyone. */
    boolean occupied(int index) {
        return buckets[index] != null && buckets[index].size() > 0;
    }

    /**
     * Up to {@code count} contacts closest to {@code target}, closest first.
     *
     * <p>With x the distance from this node to the target and b its highest bit, the buckets fall in
     * three groups by distance to the target: bucket b holds the contacts closer than 2^b, every
     * bucket below b holds contacts between 2^b and 2^(b+1), and bucket i above b holds contacts
     * between 2^i and 2^(i+1). So the search reads bucket b, then the buckets below it, then those
     * above in order, and stops once it has enough: it sorts at most a few buckets, not the table.
     */
    List<Contact> closest(DhtKey target, int count) {
        Comparator<Contact> byDistance = order.byDistanceTo(target);
        List<Contact> out = new ArrayList<>(count);
        if (!order.unsigned()) {
            for (KBucket bucket : buckets) {
                if (bucket != null) {
                    bucket.addTo(out);
                }
            }
            out.sort(byDistance);
            return out.size() > count ? new ArrayList<>(out.subList(0, count)) : out;
        }
        int b = self.key().bucketOf(target);
        List<Contact> group = new ArrayList<>();
        if (b >= 0) {
            takeSorted(group, b, b + 1, byDistance, out, count);
            takeSorted(group, 0, b, byDistance, out, count);
        } else {
            takeSorted(group, 0, 64, byDistance, out, count);   // the target is this node: every bucket is one group
            return out;
        }
        for (int i = b + 1; i < 64 && out.size() < count; i++) {
            takeSorted(group, i, i + 1, byDistance, out, count);
        }
        return out;
    }

    /** Sorts the contacts of buckets [from, until) and adds the closest to {@code out} up to {@code count}. */
    private void takeSorted(List<Contact> group, int from, int until, Comparator<Contact> byDistance,
                            List<Contact> out, int count) {
        if (out.size() >= count) {
            return;
        }
        group.clear();
        for (int i = from; i < until; i++) {
            if (buckets[i] != null) {
                buckets[i].addTo(group);
            }
        }
        group.sort(byDistance);
        for (int i = 0; i < group.size() && out.size() < count; i++) {
            out.add(group.get(i));
        }
    }

    /** Every contact, bucket by bucket from the nearest, for tests and figures. */
    List<NodeId> nodes() {
        List<Contact> all = new ArrayList<>();
        for (KBucket bucket : buckets) {
            if (bucket != null) {
                bucket.addTo(all);
            }
        }
        return all.stream().map(Contact::node).toList();
    }
}
