package io.mycel.node.crdt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.check.crdt.CrdtSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What each type means when replicas act concurrently, and convergence by deltas alone. */
class CrdtSemanticsTest {

    @Test
    void orSetAddWinsOverAConcurrentRemoveButNotOverOneThatSawIt() {
        OrSet<String> base = OrSet.<String>empty();
        OrSet<String> a = base.merge(base.add("a", "x"));
        OrSet<String> b = a; // b has seen a's add
        OrSet<String> aAgain = a.merge(a.add("a", "x")); // a adds x again, concurrently with b's remove
        OrSet<String> bRemoved = b.merge(b.remove("x"));
        assertFalse(bRemoved.contains("x"));
        assertTrue(aAgain.merge(bRemoved).contains("x"), "the unseen add wins");
        assertTrue(bRemoved.merge(aAgain).contains("x"));
        OrSet<String> seenThenRemoved = aAgain.merge(bRemoved);
        seenThenRemoved = seenThenRemoved.merge(seenThenRemoved.remove("x"));
        assertFalse(seenThenRemoved.merge(aAgain).contains("x"), "a remove that saw every add wins");
    }

    @Test
    void orSetKeepsNoTombstonesAfterARemove() {
        OrSet<Integer> s = OrSet.<Integer>empty();
        for (int i = 0; i < 100; i++) {
            s = s.merge(s.add("a", i));
            s = s.merge(s.remove(i));
        }
        assertTrue(s.elements().isEmpty());
        assertEquals(0, s.context().cloud().size(), "the context stays a version vector");
        assertEquals(100L, s.context().vector().get("a"), "one dot per add; removes make none");
    }

    @Test
    void mvRegisterKeepsConcurrentWritesUntilOneThatSawThemAll() {
        MvRegister<Integer> empty = MvRegister.<Integer>empty();
        MvRegister<Integer> a = empty.merge(empty.write("a", 1));
        MvRegister<Integer> b = empty.merge(empty.write("b", 2));
        MvRegister<Integer> both = a.merge(b);
        assertEquals(Set.of(1, 2), Set.copyOf(both.values()));
        MvRegister<Integer> settled = both.merge(both.write("a", 3));
        assertEquals(List.of(3), settled.values());
        assertEquals(List.of(3), settled.merge(a).merge(b).values(), "old writes stay replaced");
    }

    @Test
    void orMapRemoveResetsAKeyButKeepsAConcurrentUpdate() {
        OrMap<String, DotFun<String>> empty = OrMap.empty(DotFun.empty());
        OrMap<String, DotFun<String>> a = empty.merge(empty.update("a", "cart", DotFun.add("apple")));
        OrMap<String, DotFun<String>> b = a; // b has seen the apple
        a = a.merge(a.update("a", "cart", DotFun.add("pear"))); // concurrent with b's remove
        b = b.merge(b.remove("cart"));
        assertTrue(b.entries().isEmpty(), "a removed key leaves nothing behind");
        OrMap<String, DotFun<String>> merged = a.merge(b);
        assertEquals(Set.of("pear"), merged.get("cart").distinct(), "the unseen add survives; the seen apple does not");
        assertEquals(merged, b.merge(a));
    }

    @Test
    void countersInAnOrMapAddUpAndARemoveResetsOnlyWhatItSaw() {
        OrMap<String, DotFun<Long>> empty = OrMap.empty(DotFun.empty());
        OrMap<String, DotFun<Long>> a = empty.merge(empty.update("a", "hits", DotFun.increment(3)));
        a = a.merge(a.update("a", "hits", DotFun.increment(2)));
        OrMap<String, DotFun<Long>> b = empty.merge(empty.update("b", "hits", DotFun.increment(4)));
        OrMap<String, DotFun<Long>> both = a.merge(b);
        assertEquals(9, DotFun.sum(both.get("hits")), "each replica's contribution counts once");
        assertEquals(1, both.get("hits").entries().keySet().stream().filter(d -> d.replica().equals("a")).count(),
                "a replica keeps one dot, its latest total");
        OrMap<String, DotFun<Long>> reset = both.merge(both.remove("hits"));
        OrMap<String, DotFun<Long>> concurrent = b.merge(b.update("b", "hits", DotFun.increment(1)));
        OrMap<String, DotFun<Long>> merged = reset.merge(concurrent);
        assertEquals(5, DotFun.sum(merged.get("hits")), "b's total of 5 survives the reset that saw only its 4");
        assertEquals(merged, concurrent.merge(reset));
        OrMap<String, DotFun<Long>> afterReset = reset.merge(reset.update("a", "hits", DotFun.increment(1)));
        assertEquals(1, DotFun.sum(afterReset.get("hits")), "a replica that saw the reset starts again from 0");
    }

    @Test
    void aCounterRefusesAnAddItsCountCannotHold() {
        PNCounter c = PNCounter.EMPTY.merge(PNCounter.EMPTY.add("a", Long.MAX_VALUE - 1));
        assertTrue(c.canAdd("a", 1));
        assertFalse(c.canAdd("a", 2), "the count of increments would pass Long.MAX_VALUE");
        assertTrue(c.canAdd("b", 2), "another replica's count is its own");
        assertTrue(c.canAdd("a", -5), "decrements are counted apart");
        assertFalse(c.canAdd("a", Long.MIN_VALUE));
        assertThrows(ArithmeticException.class, () -> c.add("a", 2), "never a silent wrap to a negative count");
    }

    @Test
    void twoPhaseSetRemovalIsForever() {
        TwoPSet<Integer> s = TwoPSet.<Integer>empty();
        s = s.merge(s.add(1));
        s = s.merge(s.remove(1));
        s = s.merge(s.add(1));
        assertFalse(s.contains(1));
        assertEquals(TwoPSet.<Integer>empty(), TwoPSet.<Integer>empty().remove(5), "no remove of what was not seen");
    }

    @Test
    void lastWriterWinsByTimestampThenByWriter() {
        LwwRegister<String> r = LwwRegister.empty();
        LwwRegister<String> early = r.write(5, "b", "early");
        LwwRegister<String> late = r.write(9, "a", "late");
        assertEquals("late", early.merge(late).value());
        assertEquals("late", late.merge(early).value());
        assertEquals("from b", r.write(7, "a", "from a").merge(r.write(7, "b", "from b")).value());
    }

    @Test
    void countersCountEveryReplicasUpdatesOnce() {
        PNCounter a = PNCounter.EMPTY;
        a = a.merge(a.add("a", 5));
        PNCounter b = PNCounter.EMPTY;
        b = b.merge(b.add("b", -2));
        assertEquals(3, a.merge(b).merge(a).merge(b).value());
    }

    /**
     * Replicas that only ever send each other deltas, delivered late, out of order and twice, end
     * equal to one another and to the join of every state, for every type over many seeds.
     */
    @Test
    void deltasDeliveredInAnyOrderAndDuplicatedConverge() {
        for (CrdtSpec<?, ?> spec : CrdtSpecs.all()) {
            for (long seed = 0; seed < 200; seed++) {
                converge(spec, seed);
            }
        }
    }

    private static <S extends Crdt<S>, U> void converge(CrdtSpec<?, ?> anySpec, long seed) {
        @SuppressWarnings("unchecked")
        CrdtSpec<S, CrdtSpecs.Mutation<S>> spec = (CrdtSpec<S, CrdtSpecs.Mutation<S>>) anySpec;
        SplittableRandom random = new SplittableRandom(seed);
        int replicas = 3;
        List<S> states = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            states.add(spec.empty());
        }
        record InFlight<S>(int to, S delta) {
        }
        List<InFlight<S>> inFlight = new ArrayList<>();
        for (int step = 0; step < 30; step++) {
            if (!inFlight.isEmpty() && random.nextBoolean()) {
                InFlight<S> message = inFlight.get(random.nextInt(inFlight.size()));
                if (random.nextInt(4) > 0) {
                    inFlight.remove(message); // a quarter of deliveries leave a duplicate behind
                }
                states.set(message.to(), states.get(message.to()).merge(message.delta()));
                continue;
            }
            int r = random.nextInt(replicas);
            S delta = spec.randomUpdate(random).delta("r" + r, states.get(r));
            states.set(r, states.get(r).merge(delta));
            for (int to = 0; to < replicas; to++) {
                if (to != r) {
                    inFlight.add(new InFlight<>(to, delta));
                }
            }
        }
        for (InFlight<S> message : inFlight) {
            states.set(message.to(), states.get(message.to()).merge(message.delta()));
        }
        S all = states.get(0).merge(states.get(1)).merge(states.get(2));
        for (int i = 0; i < replicas; i++) {
            assertEquals(all, states.get(i), spec.name() + " seed " + seed + ": replica " + i);
        }
    }
}
