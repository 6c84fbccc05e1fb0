package io.mycel.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.NodeId;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultEpisodesTest {

    @Test
    void episodesPairEachFaultWithTheStepThatMendsIt() {
        NodeId n1 = NodeId.of("n1");
        NodeId n2 = NodeId.of("n2");
        FaultPlan plan = new FaultPlan(List.of(
                new FaultPlan.Step(1_000, new Fault.Crash(n1)),
                new FaultPlan.Step(2_000, new Fault.Partition(List.of(List.of(n1), List.of(n2)))),
                new FaultPlan.Step(3_000, new Fault.Crash(n2)),
                new FaultPlan.Step(4_000, new Fault.Restart(n1)),
                new FaultPlan.Step(5_000, new Fault.Heal()),
                new FaultPlan.Step(6_000, new Fault.Restart(n2)),
                new FaultPlan.Step(7_000, new Fault.Heal())));
        List<FaultEpisodes.Episode> episodes = FaultEpisodes.of(plan);
        assertEquals(List.of(List.of(0, 3), List.of(1, 4), List.of(2, 5), List.of(6)),
                episodes.stream().map(FaultEpisodes.Episode::steps).toList());
        FaultPlan withoutFirst = FaultEpisodes.keep(plan, episodes.subList(1, episodes.size()));
        assertEquals(5, withoutFirst.steps().size());
        assertTrue(withoutFirst.steps().stream().noneMatch(s -> s.fault() instanceof Fault.Crash c && c.node().equals(n1)
                || s.fault() instanceof Fault.Restart r && r.node().equals(n1)));
    }

    @Test
    void halvingMovesTheMendHalfwayOrHalvesALeaderFaultsSpan() {
        NodeId n1 = NodeId.of("n1");
        FaultPlan plan = new FaultPlan(List.of(
                new FaultPlan.Step(1_000_000, new Fault.Crash(n1)),
                new FaultPlan.Step(3_000_000, new Fault.Restart(n1)),
                new FaultPlan.Step(4_000_000, new Fault.LeaderFault(Fault.LeaderFault.Kind.ISOLATE, 800_000)),
                new FaultPlan.Step(5_000_000, new Fault.Heal())));
        List<FaultEpisodes.Episode> episodes = FaultEpisodes.of(plan);
        assertEquals(2_000_000, FaultEpisodes.halve(plan, episodes.get(0)).steps().get(1).atMicros());
        assertEquals(new Fault.LeaderFault(Fault.LeaderFault.Kind.ISOLATE, 400_000),
                FaultEpisodes.halve(plan, episodes.get(1)).steps().get(2).fault());
        assertNull(FaultEpisodes.halve(plan, episodes.get(2)), "a lone heal has no length");
        assertTrue(FaultEpisodes.names(plan, n1));
        assertTrue(!FaultEpisodes.names(plan, NodeId.of("n11")));
    }
}
