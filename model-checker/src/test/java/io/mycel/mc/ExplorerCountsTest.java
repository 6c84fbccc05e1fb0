package io.mycel.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.mc.explore.ExploreOptions;
import io.mycel.mc.explore.Explorer;
import io.mycel.mc.explore.Goal;
import io.mycel.mc.explore.Report;
import io.mycel.mc.explore.StateProperty;
import io.mycel.mc.explore.Strategy;
import io.mycel.mc.state.VisitedStates;
import io.mycel.mc.system.ClientSpec;
import io.mycel.mc.system.FaultBudget;
import io.mycel.mc.system.HistoryEvent;
import io.mycel.mc.system.McSystem;
import io.mycel.mc.system.Step;
import io.mycel.mc.system.SystemSpec;
import io.mycel.node.api.NodeId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The explorer on a protocol whose states are counted by hand (see {@link TinyProgram}): k senders'
 * hellos are each in flight, delivered or (within the drop budget) dropped, and the collector's one
 * timer has fired or not.
 */
class ExplorerCountsTest {

    static SystemSpec tiny(int senders, boolean list, boolean tick, FaultBudget faults, List<ClientSpec> clients) {
        List<NodeId> servers = new ArrayList<>();
        for (int i = 1; i <= senders + 1; i++) {
            servers.add(NodeId.of("n" + i));
        }
        return new SystemSpec(servers, new TinyProgram(list, tick), TinyProgram.noConfig(), clients, faults, 7,
                List.of());
    }

    static ExploreOptions options(Strategy strategy) {
        return ExploreOptions.defaults().withStrategy(strategy).withBudgets(50, 1_000_000, 60)
                .withStorage(VisitedStates.Kind.FULL);
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void twoHellosToASetGiveFourStates(Strategy strategy) {
        Report r = Explorer.explore(tiny(2, false, false, FaultBudget.NONE, List.of()), options(strategy));
        assertTrue(r.complete(), r.toString());
        assertEquals(4, r.distinctStates());
        assertEquals(4, r.transitions());
        assertEquals(2, r.depthReached());
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aListRemembersTheOrderSoTheLastStatesDiffer(Strategy strategy) {
        Report r = Explorer.explore(tiny(2, true, false, FaultBudget.NONE, List.of()), options(strategy));
        assertEquals(5, r.distinctStates());
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aTimerDoublesTheStates(Strategy strategy) {
        Report r = Explorer.explore(tiny(3, false, true, FaultBudget.NONE, List.of()), options(strategy));
        assertEquals(2 * 8, r.distinctStates());
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void oneDropLetsEachHelloBeLost(Strategy strategy) {
        // Each of 3 hellos in flight, delivered or dropped, at most one dropped: 2^3 + 3 * 2^2 = 20; times the timer.
        Report r = Explorer.explore(tiny(3, false, true, new FaultBudget(0, 1, 0), List.of()), options(strategy));
        assertEquals(40, r.distinctStates());
    }

    @Test
    void symmetryMergesStatesThatDifferOnlyInWhichSenderIsWhich() {
        // Classes by (delivered, dropped): 4 with none dropped, 3 with one; times the timer.
        Report r = Explorer.explore(tiny(3, false, true, new FaultBudget(0, 1, 0), List.of()),
                options(Strategy.BFS).withSymmetry(true));
        assertEquals(14, r.distinctStates());
        assertTrue(r.complete());
    }

    @Test
    void hashedStatesCountTheSameAsFullOnes() {
        SystemSpec spec = tiny(3, true, true, new FaultBudget(0, 1, 1), List.of());
        Report full = Explorer.explore(spec, options(Strategy.BFS));
        Report hashed = Explorer.explore(spec, options(Strategy.BFS).withStorage(VisitedStates.Kind.HASH));
        assertEquals(full.distinctStates(), hashed.distinctStates());
        assertTrue(hashed.bytesPerState() < full.bytesPerState(), hashed.bytesPerState() + " vs " + full.bytesPerState());
    }

    @Test
    void statesRebuiltByReplayAreTheStatesThatWereCopied() {
        SystemSpec spec = tiny(3, true, true, new FaultBudget(0, 1, 1), List.of());
        Report copied = Explorer.explore(spec, options(Strategy.BFS).withLiveStates(1_000_000));
        Report replayed = Explorer.explore(spec, options(Strategy.BFS).withLiveStates(0));
        assertEquals(copied.distinctStates(), replayed.distinctStates());
        assertEquals(copied.transitions(), replayed.transitions());
        assertTrue(replayed.replays() > 0);
        assertEquals(0, copied.replays());
    }

    @Test
    void breadthFirstFindsAShortestPathToAViolation() {
        StateProperty notAll = new StateProperty() {
            @Override
            public String name() {
                return "not-everyone";
            }

            @Override
            public String violation(McSystem state) {
                TinyProgram.Collector c = (TinyProgram.Collector) ((TinyProgram.Either) state.process(3)).role();
                return c.heardSet.size() == 3 ? "heard all three" : null;
            }
        };
        Report r = Explorer.explore(tiny(3, false, true, new FaultBudget(0, 1, 1), List.of()),
                options(Strategy.BFS).withChecks(List.of(notAll), List.of()));
        assertNotNull(r.violation());
        assertEquals("not-everyone", r.violation().violation().property());
        assertEquals(3, r.violation().path().size());
        assertTrue(r.violation().path().stream().allMatch(s -> s instanceof Step.Deliver), r.violation().path().toString());
        assertTrue(!r.complete() && r.stoppedBy() == null);
    }

    @Test
    void aDepthBoundSaysWhatWasCovered() {
        Report r = Explorer.explore(tiny(3, false, true, new FaultBudget(0, 1, 1), List.of()),
                options(Strategy.BFS).withBudgets(2, 1_000_000, 60));
        assertTrue(r.complete());
        assertEquals(2, r.completedDepth());
        assertEquals(2, r.depthReached());
    }

    @Test
    void aStateBudgetStopsTheSearchAndSaysSo() {
        Report r = Explorer.explore(tiny(4, true, true, new FaultBudget(0, 2, 2), List.of()),
                options(Strategy.BFS).withBudgets(50, 100, 60));
        assertTrue(!r.complete());
        assertEquals("states", r.stoppedBy());
        assertTrue(r.completedDepth() < r.depthReached());
    }

    @Test
    void aClientsAnswerDependsOnWhenItsQuestionArrives() {
        SystemSpec spec = tiny(1, false, false, FaultBudget.NONE,
                List.of(new ClientSpec(NodeId.of("c1"), NodeId.of("n2"), List.of("ask"))));
        List<Goal> goals = List.of(answered(0L), answered(1L));
        Report r = Explorer.explore(spec, options(Strategy.BFS).withChecks(List.of(), goals));
        assertTrue(r.complete());
        for (Report.GoalResult g : r.goals()) {
            assertTrue(g.reached(), g.name());
        }
        // Hello delivered or not, then invoke, ask delivered, answer delivered: 4 steps to an answer.
        assertEquals(3, r.goals().get(0).path().size());
        assertEquals(4, r.goals().get(1).path().size());
    }

    private static Goal answered(long heard) {
        return new Goal("answered " + heard, s -> {
            for (HistoryEvent e : s.history()) {
                if (e.type() == HistoryEvent.Type.OK && Long.valueOf(heard).equals(e.value())) {
                    return true;
                }
            }
            return false;
        });
    }

    @Test
    void theInitialStateIsCheckedToo() {
        StateProperty never = new StateProperty() {
            @Override
            public String name() {
                return "never";
            }

            @Override
            public String violation(McSystem state) {
                return "always broken";
            }
        };
        Report r = Explorer.explore(tiny(1, false, false, FaultBudget.NONE, List.of()),
                options(Strategy.DFS).withChecks(List.of(never), List.of()));
        assertNotNull(r.violation());
        assertEquals(0, r.violation().path().size());
        assertNull(r.stoppedBy());
    }
}
