package io.mycel.node.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mycel.node.api.NodeId;
import io.mycel.node.api.SeededRandom;
import io.mycel.node.ring.HashRing;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The specs a node owns, found from its arcs, are exactly those the ring gives it one by one. */
class TaskSpecsTest {

    @Test
    void ownedByMatchesTheRingSpecBySpec() {
        for (long seed = 1; seed <= 30; seed++) {
            SeededRandom r = new SeededRandom(seed);
            List<NodeId> members = new ArrayList<>();
            int n = 1 + r.nextInt(12);
            for (int i = 0; i < n; i++) {
                members.add(NodeId.of("n" + r.nextInt(1000)));
            }
            HashRing ring = new HashRing(members, 1 + r.nextInt(64));
            TaskSpecs specs = new TaskSpecs(1 + r.nextInt(500));
            TreeSet<String> all = new TreeSet<>();
            for (NodeId node : ring.members()) {
                TreeSet<String> owned = specs.ownedBy(ring, node);
                for (String task : owned) {
                    assertEquals(node, ring.owner(task), task + ", seed " + seed);
                }
                all.addAll(owned);
            }
            assertEquals(specs.count(), all.size(), "every spec has an owner, seed " + seed);
        }
    }

    @Test
    void namesAreCheckedExactly() {
        TaskSpecs specs = new TaskSpecs(10);
        assertEquals(3, specs.number("t3"));
        assertEquals(-1, specs.number("t03"));
        assertEquals(-1, specs.number("t11"));
        assertEquals(-1, specs.number("x3"));
        assertEquals(-1, specs.number("t"));
    }
}
