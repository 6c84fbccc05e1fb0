package io.mycel.node.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.NodeId;
import io.mycel.node.api.SeededRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The routing table's closest-contact search and the k-buckets' liveness-based replacement. */
class RoutingTableTest {

    @Test
    void closestMatchesSortingEveryContactByXorDistance() {
        for (long seed = 1; seed <= 200; seed++) {
            SeededRandom r = new SeededRandom(seed);
            Contact self = Contact.of(NodeId.of("self" + seed));
            int k = 1 + r.nextInt(8);
            RoutingTable table = new RoutingTable(self, k, KeyOrder.UNSIGNED);
            int contacts = r.nextInt(400);
            for (int i = 0; i < contacts; i++) {
                table.observe(Contact.of(NodeId.of("c" + r.nextInt(100_000))));
            }
            List<Contact> all = new ArrayList<>(table.nodes().stream().map(Contact::of).toList());
            assertEquals(table.size(), all.size(), "size tracks the buckets, seed " + seed);
            DhtKey target = r.nextInt(4) == 0 ? all.isEmpty() ? self.key() : all.get(0).key() : new DhtKey(r.nextLong());
            int count = 1 + r.nextInt(20);
            all.sort(KeyOrder.UNSIGNED.byDistanceTo(target));
            List<Contact> expected = all.subList(0, Math.min(count, all.size()));
            assertEquals(expected, table.closest(target, count), "seed " + seed + ", target " + target);
        }
    }

    @Test
    void aFullBucketProbesItsOldestContactAndKeepsItWhenItAnswers() {
        KBucket bucket = new KBucket(2);
        Contact a = Contact.of(NodeId.of("a"));
        Contact b = Contact.of(NodeId.of("b"));
        Contact c = Contact.of(NodeId.of("c"));
        assertNull(bucket.observe(a));
        assertNull(bucket.observe(b));
        assertEquals(a, bucket.observe(c), "full: the least recently seen is probed");
        assertNull(bucket.observe(Contact.of(NodeId.of("d"))), "one probe at a time");
        bucket.observe(a);   // a answered the probe
        bucket.probeFailed(a);   // a late timeout of an answered probe changes nothing
        assertTrue(bucket.contains(a.node()) && bucket.contains(b.node()));
        assertFalse(bucket.contains(c.node()));
    }

    @Test
    void aProbeWithoutAnswerMakesRoomForTheNewestWaitingContact() {
        KBucket bucket = new KBucket(2);
        Contact a = Contact.of(NodeId.of("a"));
        Contact b = Contact.of(NodeId.of("b"));
        Contact c = Contact.of(NodeId.of("c"));
        Contact d = Contact.of(NodeId.of("d"));
        bucket.observe(a);
        bucket.observe(b);
        assertEquals(a, bucket.observe(c));
        bucket.observe(d);
        bucket.probeFailed(a);
        assertFalse(bucket.contains(a.node()));
        assertTrue(bucket.contains(d.node()), "the most recently seen newcomer takes the place");
        assertFalse(bucket.contains(c.node()));
    }

    @Test
    void missedRpcsDropAContactOnlyWhenAReplacementWaits() {
        KBucket bucket = new KBucket(1);
        Contact a = Contact.of(NodeId.of("a"));
        bucket.observe(a);
        bucket.rpcFailed(a.node(), 2);
        bucket.rpcFailed(a.node(), 2);
        bucket.rpcFailed(a.node(), 2);
        assertTrue(bucket.contains(a.node()), "no one waits: a node cut off keeps its table");
        Contact b = Contact.of(NodeId.of("b"));
        bucket.observe(b);
        bucket.rpcFailed(a.node(), 2);
        assertTrue(bucket.contains(b.node()) && !bucket.contains(a.node()));
    }

    @Test
    void signedComparisonOrdersFarKeysFirst() {
        long near = 1;
        long far = Long.MIN_VALUE;   // top bit set: the farthest distance there is
        assertTrue(KeyOrder.UNSIGNED.compare(near, far) < 0);
        assertTrue(KeyOrder.SIGNED.compare(near, far) > 0, "the planted bug's order");
    }
}
