package io.mycel.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.mc.explore.ExploreOptions;
import io.mycel.mc.explore.Explorer;
import io.mycel.mc.explore.Report;
import io.mycel.mc.explore.Strategy;
import io.mycel.mc.state.VisitedStates;
import io.mycel.mc.system.ClientSpec;
import io.mycel.mc.system.FaultBudget;
import io.mycel.mc.system.SystemSpec;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.SeededRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reductions must not lose states: sleep sets reach every state the plain search reaches (fewer
 * transitions, the same states), over systems drawn from seeds. Each failure names its seed.
 */
class ReductionsTest {

    private record Drawn(SystemSpec spec, String text) {
    }

    private static Drawn draw(long seed) {
        SeededRandom r = new SeededRandom(seed);
        int senders = 1 + r.nextInt(3);
        // Kept small, a few thousand states at most, so forty systems explore in seconds.
        boolean list = r.nextInt(2) == 0;
        boolean tick = r.nextInt(2) == 0;
        FaultBudget faults = r.nextInt(2) == 0 ? new FaultBudget(r.nextInt(2), 0, 0) : new FaultBudget(0, r.nextInt(2), r.nextInt(2));
        List<ClientSpec> clients = new ArrayList<>();
        int count = senders == 3 ? 0 : r.nextInt(3);
        for (int c = 1; c <= count; c++) {
            clients.add(new ClientSpec(NodeId.of("@c" + c), NodeId.of("n" + (senders + 1)), List.of("ask")));
        }
        String text = "seed " + seed + ": " + senders + " senders, " + (list ? "list" : "set") + (tick ? ", tick" : "")
                + ", " + faults + ", " + count + " clients";
        return new Drawn(ExplorerCountsTest.tiny(senders, list, tick, faults, clients), text);
    }

    @Test
    void sleepSetsReachEveryStateWithFewerTransitions() {
        long[] saved = new long[2];
        long[] total = new long[2];
        for (long seed = 1; seed <= 40; seed++) {
            Drawn d = draw(seed);
            for (Strategy strategy : Strategy.values()) {
                ExploreOptions plain = ExplorerCountsTest.options(strategy).withBudgets(10, 1_000_000, 60);
                Report without = Explorer.explore(d.spec(), plain);
                Report with = Explorer.explore(d.spec(), plain.withSleepSets(true));
                assertTrue(without.complete() && with.complete(), d.text());
                assertEquals(without.distinctStates(), with.distinctStates(), d.text() + " " + strategy);
                saved[strategy.ordinal()] += without.transitions() - with.transitions();
                total[strategy.ordinal()] += without.transitions();
            }
        }
        // Here most steps act on the collector, so few commute: the saving is small but never a loss of states.
        assertTrue(saved[Strategy.BFS.ordinal()] > 0,
                "breadth-first: sleep sets saved only " + saved[0] + " of " + total[0] + " transitions");
        // Depth-first may even take more: it meets states again with fewer steps asleep and explores
        // them again (measured on these systems: about a tenth more), so only its states are asserted.
    }

    @Test
    void symmetryNeverCountsMoreStatesThanThePlainSearch() {
        for (long seed = 1; seed <= 20; seed++) {
            Drawn d = draw(seed);
            ExploreOptions plain = ExplorerCountsTest.options(Strategy.BFS).withBudgets(10, 1_000_000, 60);
            Report without = Explorer.explore(d.spec(), plain);
            Report with = Explorer.explore(d.spec(), plain.withSymmetry(true));
            assertTrue(with.distinctStates() <= without.distinctStates(), d.text());
            assertEquals(without.violation() == null, with.violation() == null, d.text());
        }
    }

    @Test
    void symmetryAndSleepSetsAreNotCombined() {
        ExploreOptions o = ExploreOptions.defaults().withSymmetry(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.withSleepSets(true));
        assertTrue(e.getMessage().contains("symmetry"));
    }

    @Test
    void fullAndHashedStorageAgreeUnderSleepSets() {
        Drawn d = draw(7);
        ExploreOptions o = ExplorerCountsTest.options(Strategy.BFS).withSleepSets(true);
        assertEquals(Explorer.explore(d.spec(), o).distinctStates(),
                Explorer.explore(d.spec(), o.withStorage(VisitedStates.Kind.HASH)).distinctStates());
    }
}
