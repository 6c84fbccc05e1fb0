package io.mycel.node.gcounter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.NodeId;
import io.mycel.node.api.SeededRandom;
import org.junit.jupiter.api.Test;

/** The join-semilattice laws of merge, over many seeded states. */
class GCounterStateTest {

    private static GCounterState draw(SeededRandom r) {
        GCounterState s = new GCounterState();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            s.increment(NodeId.of("n" + r.nextInt(5)), r.nextLong(1, 10));
        }
        return s;
    }

    private static GCounterState merged(GCounterState a, GCounterState b) {
        GCounterState out = new GCounterState();
        out.merge(a.snapshot());
        out.merge(b.snapshot());
        return out;
    }

    @Test
    void mergeIsCommutativeAssociativeAndIdempotent() {
        for (long seed = 0; seed < 500; seed++) {
            SeededRandom r = new SeededRandom(seed);
            GCounterState a = draw(r);
            GCounterState b = draw(r);
            GCounterState c = draw(r);
            assertEquals(merged(a, b).snapshot(), merged(b, a).snapshot(), "commutative, seed " + seed);
            assertEquals(merged(merged(a, b), c).snapshot(), merged(a, merged(b, c)).snapshot(), "associative, seed " + seed);
            assertEquals(a.snapshot(), merged(a, a).snapshot(), "idempotent, seed " + seed);
            assertTrue(merged(a, b).value() >= Math.max(a.value(), b.value()), "monotone, seed " + seed);
        }
    }

    @Test
    void knowsMoreThanIsExactlyWhetherMergingWouldTeachTheOther() {
        for (long seed = 0; seed < 500; seed++) {
            SeededRandom r = new SeededRandom(seed);
            GCounterState a = draw(r);
            GCounterState b = draw(r);
            GCounterState copy = merged(b, new GCounterState());
            assertEquals(a.knowsMoreThan(b.snapshot()), copy.merge(a.snapshot()), "seed " + seed);
        }
        GCounterState s = draw(new SeededRandom(1));
        assertFalse(s.knowsMoreThan(s.snapshot()));
    }
}
