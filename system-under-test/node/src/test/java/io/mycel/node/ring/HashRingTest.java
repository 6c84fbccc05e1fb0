package io.mycel.node.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.NodeId;
import io.mycel.node.api.SeededRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The consistent-hash ring: owners, preference lists, how little moves on a change, and balance. */
class HashRingTest {

    private static List<NodeId> nodes(int n) {
        List<NodeId> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(NodeId.of("n" + i));
        }
        return out;
    }

    @Test
    void preferenceListsStartAtTheOwnerAndNameDistinctMembers() {
        for (long seed = 1; seed <= 50; seed++) {
            SeededRandom r = new SeededRandom(seed);
            HashRing ring = new HashRing(nodes(1 + r.nextInt(12)), 1 + r.nextInt(32));
            for (int k = 0; k < 50; k++) {
                String key = "k" + r.nextLong();
                int n = 1 + r.nextInt(5);
                List<NodeId> list = ring.preferenceList(key, n);
                assertEquals(Math.min(n, ring.members().size()), list.size(), "seed " + seed);
                assertEquals(ring.owner(key), list.get(0), "seed " + seed);
                assertEquals(list.size(), new HashSet<>(list).size(), "distinct, seed " + seed);
            }
        }
    }

    @Test
    void theRingDependsOnlyOnTheMemberSet() {
        List<NodeId> members = nodes(9);
        List<NodeId> shuffled = new ArrayList<>(members);
        java.util.Collections.reverse(shuffled);
        HashRing a = new HashRing(members, 16);
        HashRing b = new HashRing(shuffled, 16);
        for (int k = 0; k < 1000; k++) {
            assertEquals(a.preferenceList("key" + k, 3), b.preferenceList("key" + k, 3));
        }
    }

    @Test
    void aMemberLeavingMovesOnlyItsOwnKeysAndAJoinerTakesOnlyKeys() {
        for (int n = 2; n <= 20; n += 3) {
            List<NodeId> members = nodes(n);
            HashRing before = new HashRing(members, 32);
            NodeId leaving = members.get(n / 2);
            List<NodeId> rest = new ArrayList<>(members);
            rest.remove(leaving);
            HashRing after = new HashRing(rest, 32);
            int moved = 0;
            int keys = 20_000;
            for (int k = 0; k < keys; k++) {
                String key = "key" + k;
                NodeId was = before.owner(key);
                if (!was.equals(after.owner(key))) {
                    moved++;
                    assertEquals(leaving, was, "only the leaver's keys move, n=" + n);
                }
            }
            double share = before.shares().get(leaving);
            assertEquals(share, (double) moved / keys, 0.02, "the keys that move are the leaver's share, n=" + n);
        }
    }

    @Test
    void sharesSumToOneAndVirtualNodesEvenThemOut() {
        TreeMap<Integer, Double> spread = new TreeMap<>();
        for (int vnodes : new int[] {1, 8, 64, 256}) {
            HashRing ring = new HashRing(nodes(20), vnodes);
            TreeMap<NodeId, Double> shares = ring.shares();
            assertEquals(1.0, shares.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
            spread.put(vnodes, HashRing.Balance.of(shares.values()).cv());
        }
        assertTrue(spread.get(256) < spread.get(64) && spread.get(64) < spread.get(8) && spread.get(8) < spread.get(1),
                "more virtual nodes, more even shares: " + spread);
        assertTrue(spread.get(256) < 0.1, "256 virtual nodes keep shares within 10% (cv): " + spread);
    }

    @Test
    void arcsCoverEachMembersShare() {
        HashRing ring = new HashRing(nodes(7), 16);
        for (NodeId node : ring.members()) {
            double covered = 0;
            for (long[] arc : ring.arcs(node)) {
                long width = arc[1] - arc[0];
                covered += (width >= 0 ? width : (width >>> 1) * 2.0 + (width & 1)) / 18446744073709551616.0;
            }
            assertEquals(ring.shares().get(node), covered, 1e-9);
        }
    }

    @Test
    void balanceOfEvenLoadsIsPerfect() {
        HashRing.Balance even = HashRing.Balance.of(List.of(5, 5, 5, 5));
        assertEquals(0.0, even.cv(), 1e-12);
        assertEquals(1.0, even.maxOverMean(), 1e-12);
        HashRing.Balance skewed = HashRing.Balance.of(List.of(1, 1, 1, 5));
        assertEquals(2.5, skewed.maxOverMean(), 1e-12);
    }
}
