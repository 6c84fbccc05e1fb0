package io.mycel.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.NodeId;
import io.mycel.node.api.SeededRandom;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomNemesisTest {

    private static final List<NodeId> NODES = List.of(NodeId.of("n1"), NodeId.of("n2"), NodeId.of("n3"),
            NodeId.of("n4"), NodeId.of("n5"));

    private static RandomNemesis nemesis(Set<RandomNemesis.Kind> kinds) {
        return new RandomNemesis(kinds, 1_000_000, 3_000_000, 500_000, 2_000_000, 2_000_000, 30_000_000,
                300_000, 0.2, 0.5, 0.01);
    }

    @Test
    void sameSeedSamePlanAndSeedsDiffer() {
        RandomNemesis n = nemesis(EnumSet.allOf(RandomNemesis.Kind.class));
        assertEquals(n.draw(new SeededRandom(4), NODES), n.draw(new SeededRandom(4), NODES));
        assertNotEquals(n.draw(new SeededRandom(4), NODES), n.draw(new SeededRandom(5), NODES));
    }

    @Test
    void everyFaultIsMendedByUntilAndStartsAfterFrom() {
        for (long seed = 0; seed < 300; seed++) {
            FaultPlan plan = nemesis(EnumSet.allOf(RandomNemesis.Kind.class)).draw(new SeededRandom(seed), NODES);
            Set<NodeId> down = new HashSet<>();
            Set<NodeId> paused = new HashSet<>();
            boolean partitioned = false;
            for (FaultPlan.Step step : plan.steps()) {
                assertTrue(step.atMicros() > 2_000_000 && step.atMicros() <= 30_000_000, "seed " + seed + ": " + step);
                Fault f = step.fault();
                if (f instanceof Fault.Crash c) {
                    down.add(c.node());
                } else if (f instanceof Fault.Restart r) {
                    down.remove(r.node());
                } else if (f instanceof Fault.Pause p) {
                    paused.add(p.node());
                } else if (f instanceof Fault.Resume r) {
                    paused.remove(r.node());
                } else if (f instanceof Fault.Partition || f instanceof Fault.Cut) {
                    partitioned = true;
                } else if (f instanceof Fault.Heal) {
                    partitioned = false;
                }
            }
            assertTrue(down.isEmpty() && paused.isEmpty(), "seed " + seed + " leaves nodes down or paused");
            assertFalse(partitioned, "seed " + seed + " leaves a partition");
        }
    }

    @Test
    void onlyTheChosenKindsAreDrawn() {
        for (long seed = 0; seed < 100; seed++) {
            FaultPlan plan = nemesis(EnumSet.of(RandomNemesis.Kind.PAUSE)).draw(new SeededRandom(seed), NODES);
            assertFalse(plan.steps().isEmpty());
            assertTrue(plan.steps().stream().allMatch(s -> s.fault() instanceof Fault.Pause || s.fault() instanceof Fault.Resume));
        }
    }

    @Test
    void partitionsSplitIntoTwoNonEmptyGroupsCoveringEveryNode() {
        for (long seed = 0; seed < 200; seed++) {
            for (FaultPlan.Step step : nemesis(EnumSet.of(RandomNemesis.Kind.PARTITION)).draw(new SeededRandom(seed), NODES).steps()) {
                if (step.fault() instanceof Fault.Partition p) {
                    assertEquals(2, p.groups().size());
                    assertFalse(p.groups().get(0).isEmpty() || p.groups().get(1).isEmpty());
                    Set<NodeId> all = new HashSet<>(p.groups().get(0));
                    all.addAll(p.groups().get(1));
                    assertEquals(new HashSet<>(NODES), all);
                }
            }
        }
    }

    @Test
    void millisecondRangesDrawWholeMilliseconds() {
        for (long seed = 0; seed < 50; seed++) {
            for (FaultPlan.Step step : nemesis(EnumSet.allOf(RandomNemesis.Kind.class)).draw(new SeededRandom(seed), NODES).steps()) {
                assertEquals(0, step.atMicros() % 1_000, "seed " + seed + ": " + step);
                if (step.fault() instanceof Fault.ClockSkew skew) {
                    assertEquals(0, skew.offsetMicros() % 1_000, "seed " + seed + ": " + step);
                }
            }
        }
    }

    @Test
    void planPrintsAsScenarioLines() {
        FaultPlan plan = new FaultPlan(List.of(
                new FaultPlan.Step(5_000_000, new Fault.Partition(List.of(List.of(NODES.get(0)), List.of(NODES.get(1))))),
                new FaultPlan.Step(1_500_000, new Fault.ClockSkew(NODES.get(2), -200_000))));
        assertEquals("- {at: 1.5s, skew: {node: n3, offset: -200ms}}\n- {at: 5s, partition: [[n1], [n2]]}\n", plan.toYaml());
    }
}
