package io.mycel.check.crdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The law checks on CRDTs written here for the purpose: correct ones pass over many seeds, and each
 * kind of broken one is caught with a shrunk counterexample.
 */
class CrdtLawsTest {

    /** A grow-only counter: a count per replica, merged by maximum. */
    static class GCounter implements CrdtSpec<Map<Integer, Long>, Long> {
        @Override
        public String name() {
            return "g-counter";
        }

        @Override
        public Map<Integer, Long> empty() {
            return Map.of();
        }

        @Override
        public Map<Integer, Long> update(Map<Integer, Long> state, int replica, Long delta) {
            Map<Integer, Long> next = new TreeMap<>(state);
            next.merge(replica, delta, Long::sum);
            return next;
        }

        @Override
        public Map<Integer, Long> merge(Map<Integer, Long> a, Map<Integer, Long> b) {
            Map<Integer, Long> out = new TreeMap<>(a);
            b.forEach((replica, count) -> out.merge(replica, count, Math::max));
            return out;
        }

        @Override
        public Long randomUpdate(SplittableRandom random) {
            return 1L + random.nextInt(3);
        }
    }

    /** Broken: merges by adding the counts, so merging a state with itself doubles it. */
    static class SummingCounter extends GCounter {
        @Override
        public Map<Integer, Long> merge(Map<Integer, Long> a, Map<Integer, Long> b) {
            Map<Integer, Long> out = new TreeMap<>(a);
            b.forEach((replica, count) -> out.merge(replica, count, Long::sum));
            return out;
        }
    }

    /** Broken: lets a replica take back what it added, so an update can move the state down. */
    static class DecrementingCounter extends GCounter {
        @Override
        public Long randomUpdate(SplittableRandom random) {
            return random.nextInt(4) == 0 ? -1L : 1L;
        }
    }

    /** A last-writer-wins register: (timestamp, replica, value), the greater pair wins. */
    record Stamped(long time, int replica, long value) {
    }

    static class LwwRegister implements CrdtSpec<Stamped, Long> {
        @Override
        public String name() {
            return "lww-register";
        }

        @Override
        public Stamped empty() {
            return new Stamped(0, -1, 0);
        }

        @Override
        public Stamped update(Stamped state, int replica, Long value) {
            return new Stamped(state.time() + 1, replica, value);
        }

        @Override
        public Stamped merge(Stamped a, Stamped b) {
            if (a.time() != b.time()) {
                return a.time() > b.time() ? a : b;
            }
            return a.replica() >= b.replica() ? a : b;
        }

        @Override
        public Long randomUpdate(SplittableRandom random) {
            return (long) random.nextInt(10);
        }
    }

    /** Broken: on equal timestamps the argument on the left wins, so merge order matters. */
    static class LeftWinsRegister extends LwwRegister {
        @Override
        public Stamped merge(Stamped a, Stamped b) {
            return a.time() >= b.time() ? a : b;
        }
    }

    @Test
    void correctCrdtsObeyEveryLaw() {
        assertEquals(List.of(), CrdtLaws.check(new GCounter(), 300, 40));
        assertEquals(List.of(), CrdtLaws.check(new LwwRegister(), 300, 40));
    }

    @Test
    void aMergeThatSumsIsCaughtAsNotIdempotent() {
        List<CrdtLaws.Violation> found = CrdtLaws.check(new SummingCounter(), 300, 40);
        assertTrue(found.stream().anyMatch(v -> v.law().equals("merge is idempotent")), found.toString());
        CrdtLaws.Violation idempotence = found.stream().filter(v -> v.law().equals("merge is idempotent")).findFirst().orElseThrow();
        assertTrue(idempotence.steps().size() <= 1, "shrunk to one update: " + idempotence);
    }

    @Test
    void anUpdateThatMovesDownIsCaughtAsNoInflation() {
        List<CrdtLaws.Violation> found = CrdtLaws.check(new DecrementingCounter(), 300, 40);
        assertTrue(found.stream().anyMatch(v -> v.law().startsWith("update is an inflation")), found.toString());
    }

    @Test
    void aMergeThatFavoursItsLeftArgumentIsCaughtAsNotCommutative() {
        List<CrdtLaws.Violation> found = CrdtLaws.check(new LeftWinsRegister(), 300, 40);
        CrdtLaws.Violation v = found.stream().filter(f -> f.law().equals("merge is commutative")).findFirst().orElseThrow();
        assertTrue(v.steps().size() <= 3, "shrunk: " + v);
    }
}
