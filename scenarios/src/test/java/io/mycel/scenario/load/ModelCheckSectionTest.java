package io.mycel.scenario.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.mc.explore.Strategy;
import io.mycel.mc.state.VisitedStates;
import io.mycel.node.api.NodeId;
import io.mycel.scenario.ModelCheck;
import io.mycel.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model-check section: what it holds once loaded, how it is written back, and its mistakes. */
class ModelCheckSectionTest {

    private static final Path FILE = Path.of("mc.yaml");

    private static final String GOOD = """
            name: mc
            seed: 3
            duration: 5s
            nodes: {count: 3, program: raft-kv}
            checks: [raft-safety, linearizable-kv]
            model-check:
              strategy: dfs
              max-depth: 9
              max-states: 5000
              max-time: 30s
              storage: full
              reduction: sleep-sets
              clients:
                - {node: n1, ops: [put, get]}
                - {node: n3, ops: [get]}
              faults: {crashes: 1, drops: 2}
              goals: [all-answered, {role: leader, node: n2}]
              prefix:
                - {fire: {node: n1, timer: raft-election}}
                - {deliver: {from: n1, to: n2, msg: PreVote, nth: 1}}
                - {crash: n3}
                - {fire: {node: '@c2', timer: invoke}}
            """;

    /** The one problem reported (a mistake brings no knock-on errors) starts with {@code expected}. */
    private static void assertProblem(String yaml, String expected) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(FILE, yaml));
        assertTrue(e.problems().size() == 1 && e.problems().get(0).startsWith(expected),
                "expected a problem starting with\n  " + expected + "\nbut got\n  " + String.join("\n  ", e.problems()));
    }

    @Test
    void aFullSectionLoadsWithEveryPartResolved() throws Exception {
        ModelCheck mc = ScenarioLoader.parse(FILE, GOOD).modelCheck();
        assertEquals(Strategy.DFS, mc.strategy());
        assertEquals(9, mc.maxDepth());
        assertEquals(5000, mc.maxStates());
        assertEquals(30.0, mc.maxSeconds());
        assertEquals(VisitedStates.Kind.FULL, mc.storage());
        assertEquals(ModelCheck.Reduction.SLEEP_SETS, mc.reduction());
        assertEquals(NodeId.of("@c1"), mc.clients().get(0).id());
        assertEquals(List.of("put", "get"), mc.clients().get(0).operations());
        assertEquals(NodeId.of("n3"), mc.clients().get(1).server());
        assertEquals(1, mc.faults().crashes());
        assertEquals(2, mc.faults().drops());
        assertEquals(List.of("all-answered", "n2 leader"), mc.goals().stream().map(ModelCheck.GoalSpec::name).toList());
        assertEquals(4, mc.prefix().size());
        assertEquals(1, mc.prefix().get(1).nth());
        assertEquals("mc.yaml:20", mc.prefix().get(1).where());
        assertEquals(NodeId.of("@c2"), mc.prefix().get(3).node());
    }

    @Test
    void aFileWithoutTheSectionHasNone() throws Exception {
        Scenario s = ScenarioLoader.parse(FILE, GOOD.substring(0, GOOD.indexOf("model-check:")));
        assertNull(s.modelCheck());
    }

    @Test
    void theWriterWritesWhatTheReaderReads() throws Exception {
        Scenario s = ScenarioLoader.parse(FILE, GOOD);
        String written = ScenarioWriter.toYaml(s, "", 3, s.faults());
        ModelCheck again = ScenarioLoader.parse(FILE, written).modelCheck();
        ModelCheck before = s.modelCheck();
        assertEquals(before.clients(), again.clients());
        assertEquals(before.goals(), again.goals());
        assertEquals(before.reduction(), again.reduction());
        assertEquals(before.prefix().stream().map(ScenarioWriter::scheduleStep).toList(),
                again.prefix().stream().map(ScenarioWriter::scheduleStep).toList());
    }

    @Test
    void mistakesAreReportedAtTheirLineWithWhatWasExpected() {
        assertProblem(GOOD.replace("strategy: dfs", "strategy: random"),
                "mc.yaml:7:13: model-check.strategy: one of [bfs, dfs], got 'random'");
        assertProblem(GOOD.replace("reduction: sleep-sets", "reduction: por"),
                "mc.yaml:12:14: model-check.reduction: one of [none, sleep-sets, symmetry], got 'por'");
        assertProblem(GOOD.replace("{node: n3, ops: [get]}", "{node: n7, ops: [get]}"),
                "mc.yaml:15:14: model-check.clients[1].node: a node of this scenario (n1, n2, n3), got 'n7'");
        assertProblem(GOOD.replace("ops: [get]}", "ops: [fly]}"),
                "mc.yaml:15:24: model-check.clients[1].ops: an operation of raft-kv");
        assertProblem(GOOD.replace("{crash: n3}", "{explode: n3}"),
                "mc.yaml:21:7: model-check.prefix[2]: one step: {KIND: ...} with KIND one of [deliver, drop");
        assertProblem(GOOD.replace("{crash: n3}", "{crash: '@c9'}"),
                "mc.yaml:21:15: model-check.prefix[2].crash: a server or a model-check client (n1, n2, n3, @c1, @c2), got '@c9'");
        assertProblem(GOOD.replace("faults: {crashes: 1, drops: 2}", "faults: {crashes: -1}"),
                "mc.yaml:16:21: model-check.faults.crashes: a whole number from 0 to 100, got -1");
        assertProblem(GOOD.replace("max-depth: 9", "max-depth: 9\n  colour: blue"),
                "mc.yaml:9:3: model-check.colour: a known field");
        assertProblem(GOOD + "  schedule:\n    - {crash: n1}\n",
                "mc.yaml:18:3: model-check.prefix: either a prefix to explore from or a schedule to replay, not both");
        assertProblem(GOOD.replace("{role: leader, node: n2}", "{role: leader, node: n9}"),
                "mc.yaml:17:46: model-check.goals[1].node: a node of this scenario");
    }
}
