package io.mycel.scenario.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.faults.Fault;
import io.mycel.node.api.NodeId;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.check.NoFalseDeadCheck;
import io.mycel.sim.HandshakeModel;
import io.mycel.sim.LatencyDistribution;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {

    private static final Path FILE = Path.of("test.yaml");

    private static final String GOOD = """
            name: ok
            seeds: 3..5
            duration: 10s
            nodes:
              count: 3
              program: gcounter
              config: {fanout: 1}
              clocks: {n2: {offset: -5ms, drift-ppm: 50}}
            network:
              latency: {dist: normal, mean: 5ms, stddev: 1ms}
              loss: 0.1
              links:
                - {from: n1, to: n2, loss: 0.5, both-ways: true}
            faults:
              - {at: 1s, partition: [[n1], [n2, n3]]}
              - {at: 2s, heal: all}
              - {at: 3s, skew: {node: n3, offset: -20ms}}
              - {at: 4s, latency: 7ms}
              - random: {kinds: [crash, pause], every: 1s..2s, lasting: 100ms..500ms, until: 9s}
            workload: {clients: 2, rate: 50/s, mix: {add: 3, read: 1}, timeout: 200ms}
            checks: [counter, {converge-after-heal: 4s}]
            """;

    private static List<String> problems(String yaml) {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.parse(FILE, yaml));
        return e.problems();
    }

    private static void assertProblem(String yaml, String expected) {
        List<String> problems = problems(yaml);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(expected)),
                "expected a problem starting with\n  " + expected + "\nbut got\n  " + String.join("\n  ", problems));
    }

    @Test
    void aCorrectFileLoadsWithEverythingResolved() throws Exception {
        Scenario s = ScenarioLoader.parse(FILE, GOOD);
        assertEquals(3, s.firstSeed());
        assertEquals(5, s.lastSeed());
        assertEquals(10_000_000, s.durationMicros());
        assertEquals(4_000_000, s.settleMicros());
        assertEquals(List.of(NodeId.of("n1"), NodeId.of("n2"), NodeId.of("n3")), s.nodes().ids());
        assertEquals("1", s.nodes().config().string("fanout"));
        assertEquals(new Scenario.Clock(-5_000, 50), s.nodes().clocks().get(NodeId.of("n2")));
        assertEquals(new LatencyDistribution.Normal(5_000, 1_000), s.network().defaultLink().latency());
        assertEquals(2, s.network().links().size());
        assertEquals(0.5, s.network().links().get(1).model().loss());
        assertEquals(4, s.faults().steps().size());
        assertEquals(new Fault.ClockSkew(NodeId.of("n3"), -20_000), s.faults().steps().get(2).fault());
        assertEquals(1, s.nemeses().size());
        assertEquals(50.0, s.workload().ratePerSecond());
        assertEquals(List.of("counter", "converge-after-heal"), s.checks());
    }

    @Test
    void positionsPlaceSomeOrAllNodesAndAreCheckedNodeByNode() throws Exception {
        String placed = GOOD.replace("  clocks: {n2:", "  positions: {n1: [0, 0], n3: [120.5, -40]}\n  clocks: {n2:");
        Scenario s = ScenarioLoader.parse(FILE, placed);
        assertEquals(Map.of(NodeId.of("n1"), new Scenario.Position(0, 0), NodeId.of("n3"), new Scenario.Position(120.5, -40)),
                s.nodes().positions());
        assertEquals(Map.of("n1", List.of(0.0, 0.0), "n3", List.of(120.5, -40.0)), s.nodes().positionsByName());
        assertProblem(placed.replace("n3: [120.5, -40]", "n9: [1, 2]"), "test.yaml:8:27: nodes.positions.n9: a node of this scenario");
        assertProblem(placed.replace("[120.5, -40]", "[120.5]"), "test.yaml:8:31: nodes.positions.n3: two numbers, [x, y], got 1");
        assertProblem(placed.replace("[120.5, -40]", "[east, 3]"), "test.yaml:8:32: nodes.positions.n3[0]: a number, got 'east'");
        assertProblem(placed.replace("[120.5, -40]", "here"), "test.yaml:8:31: nodes.positions.n3: a list of two numbers, [x, y]");
        assertProblem(placed.replace("[120.5, -40]", "[Infinity, 0]"), "test.yaml:8:31: nodes.positions.n3: finite numbers");
    }

    @Test
    void unknownFieldsArePointedAtWithTheFieldsExpected() {
        assertProblem(GOOD.replace("duration: 10s", "duration: 10s\ndurashun: 5s"),
                "test.yaml:4:1: durashun: a known field (one of: ");
    }

    @Test
    void badValuesNameTheirLineColumnFieldAndWhatWasExpected() {
        assertProblem(GOOD.replace("duration: 10s", "duration: ten"),
                "test.yaml:3:11: duration: a duration such as 250us, 5ms, 1.5s, 2m or 1h, got 'ten'");
        assertProblem(GOOD.replace("loss: 0.1", "loss: 1.5"),
                "test.yaml:11:9: network.loss: a probability between 0 and 1, got 1.5");
        assertProblem(GOOD.replace("program: gcounter", "program: gcountr"),
                "test.yaml:6:12: nodes.program: one of [dht, gcounter, mesh, mqtt, presence, raft-kv, tasks, test-register, test-throwing], got 'gcountr'");
        assertProblem(GOOD.replace("config: {fanout: 1}", "config: {fanout: lots}"),
                "test.yaml:7:20: nodes.config.fanout: a whole number, got 'lots'");
        assertProblem(GOOD.replace("config: {fanout: 1}", "config: {fanot: 1}"),
                "test.yaml:7:12: nodes.config.fanot: an option of gcounter (one of: gossip-interval, fanout, ack, sync-interval, energy-aware, duty-cycle, checkpoint-every); 'fanot' is not one");
        assertProblem(GOOD.replace("dist: normal", "dist: gaussian"),
                "test.yaml:10:19: network.latency.dist: constant, uniform, normal or lognormal, got 'gaussian'");
        assertProblem(GOOD.replace("mix: {add: 3, read: 1}", "mix: {add: 3, write: 1}"),
                "test.yaml:20:50: workload.mix.write: an operation of gcounter (one of: add, read); 'write' is not one");
        assertProblem(GOOD.replace("rate: 50/s", "rate: fast"),
                "test.yaml:20:30: workload.rate: a rate of at least one per hour, such as 200/s or 30/m, got 'fast'");
    }

    @Test
    void aSelectionOfOperationsNamesRealClientsAndOperationNumbers() throws Exception {
        String only = "timeout: 200ms, only: {2: [5, 0, 5], 1: []}}";
        Scenario s = ScenarioLoader.parse(FILE, GOOD.replace("timeout: 200ms}", only));
        assertEquals(java.util.Map.of(1, List.of(), 2, List.of(0, 5)), s.workload().only());
        assertEquals(List.of(), s.workload().onlyFor(1));
        assertEquals(null, ScenarioLoader.parse(FILE, GOOD).workload().onlyFor(1), "no selection: every operation");
        assertProblem(GOOD.replace("timeout: 200ms}", "timeout: 200ms, only: {3: [1]}}"),
                "test.yaml:20:83: workload.only: a whole number from 1 to 2, got 3");
        assertProblem(GOOD.replace("timeout: 200ms}", "timeout: 200ms, only: {1: [-1]}}"),
                "test.yaml:20:87: workload.only.1: a whole number from 0 to 2147483647, got -1");
        assertProblem(GOOD.replace("timeout: 200ms}", "timeout: 200ms, only: {1: 4}}"),
                "test.yaml:20:86: workload.only.1: a list of operation numbers from 0");
    }

    @Test
    void faultsReferToRealNodesAndTimesWithinTheRun() {
        assertProblem(GOOD.replace("[[n1], [n2, n3]]", "[[n1], [n2, n9]]"),
                "test.yaml:15:37: faults[0].partition[1][1]: a node of this scenario (n1, n2, n3), got 'n9'");
        assertProblem(GOOD.replace("{at: 2s, heal: all}", "{at: 20s, heal: all}"),
                "test.yaml:16:10: faults[1].at: a time within the duration (10s), got 20s");
        assertProblem(GOOD.replace("{at: 2s, heal: all}", "{at: 2s, heal: all, crash: n1}"),
                "test.yaml:16:5: faults[1]: exactly one fault");
        assertProblem(GOOD.replace("[[n1], [n2, n3]]", "[[n1, n2], [n2, n3]]"),
                "test.yaml:15:36: faults[0].partition[1]: each node in one group only; n2 is in two");
        assertProblem(GOOD.replace("kinds: [crash, pause]", "kinds: [crash, explode]"),
                "test.yaml:19:29: faults[4].random.kinds: one of crash, pause, partition, cut, skew, loss; got 'explode'");
    }

    @Test
    void checksMustExistAndSuitTheProgram() {
        assertProblem(GOOD.replace("checks: [counter,", "checks: [linearizable,"),
                "test.yaml:21:10: checks[0]: one of [answer-after-heal, bounded-staleness, broadcast-reach, checkpoints-forward, converge-after-heal, counter, crdt-counter, crdt-register, crdt-set, critical-answers, "
                        + "dht-lookups, failure-detected, fenced-lock, linearizable-cas-register, linearizable-kv, linearizable-register, linearizable-registry, lora-duty-cycle, mqtt-delivery, names-released, no-brown-out, no-false-dead, presence, "
                        + "ring-balance, tasks-once, work-completes], got 'linearizable'");
        assertProblem(GOOD.replace("checks: [counter,", "checks: [{counter: 5s},"),
                "test.yaml:21:20: checks[0].counter: no argument; write just 'counter'");
    }

    private static final String RAFT = """
            name: raft
            seed: 1
            duration: 5s
            nodes: {count: 3, program: raft-kv}
            network: {latency: 2ms}
            faults:
              - {at: 1s, crash-leader: 500ms}
              - {at: 2s, isolate-leader: 1s}
              - {at: 3.5s, pause-leader: 200ms}
            workload: {clients: 2, rate: 50/s, mix: {get: 1, put: 1}, timeout: 200ms}
            checks: [linearizable-kv, raft-safety]
            """;

    @Test
    void aProgramsInvariantsAreChecksOfItsOwnAndTakeNoArgument() throws Exception {
        Scenario s = ScenarioLoader.parse(FILE, RAFT);
        assertEquals(List.of("linearizable-kv", "raft-safety"), s.checks());
        assertProblem(RAFT.replace("raft-safety]", "{raft-safety: 5s}]"),
                "test.yaml:11:41: checks[1].raft-safety: no argument: an invariant is checked after every event");
        // Another program does not have it, and the error lists what there is.
        assertProblem(GOOD.replace("checks: [counter,", "checks: [raft-safety,"), "test.yaml:21:10: checks[0]: one of [answer-after-heal");
    }

    @Test
    void optionsThatContradictEachOtherAreReportedWithTheConfigsLine() {
        assertProblem(RAFT.replace("program: raft-kv}", "program: raft-kv, config: {heartbeat-interval: 200ms}}"),
                "test.yaml:4:45: nodes.config: heartbeat-interval (200ms) below election-timeout (150ms)");
        String mesh = GOOD.replace("program: gcounter", "program: mesh").replace("config: {fanout: 1}",
                "config: {sleep-every: 2s, sleep-for: 1800ms}").replace("checks: [counter,", "checks: [crdt-counter,");
        assertProblem(mesh, "test.yaml:7:11: nodes.config: sleep-for plus twice sleep-guard shorter than sleep-every");
    }

    @Test
    void faultsAimedAtTheLeaderSayHowLongUntilTheyAreMended() throws Exception {
        Scenario s = ScenarioLoader.parse(FILE, RAFT);
        assertEquals("""
                - {at: 1s, crash-leader: 500ms}
                - {at: 2s, isolate-leader: 1s}
                - {at: 3.5s, pause-leader: 200ms}
                """, s.faults().toYaml());
        assertProblem(RAFT.replace("crash-leader: 500ms", "crash-leader: 0s"),
                "test.yaml:7:28: faults[0].crash-leader: how long until it is mended, above 0, such as 2s");
        assertProblem(RAFT.replace("crash-leader: 500ms", "crash-leader: n1"), "test.yaml:7:28: faults[0].crash-leader: a duration");
    }

    private static String withChecks(String checks) {
        return GOOD.replace("checks: [counter, {converge-after-heal: 4s}]", "checks: " + checks);
    }

    @Test
    void aCheckWithABoundOfItsOwnKeepsItApartFromTheSettleTime() throws Exception {
        Scenario s = ScenarioLoader.parse(FILE,
                withChecks("[counter, {converge-after-heal: 4s}, {failure-detected: 1500ms}, {broadcast-reach: 2s}]"));
        assertEquals(4_000_000, s.settleMicros());
        assertEquals(Map.of("failure-detected", 1_500_000L, "broadcast-reach", 2_000_000L), s.checkBoundsMicros());
        assertEquals(List.of("counter", "converge-after-heal", "failure-detected", "broadcast-reach"), s.checks());
        assertEquals(ScenarioLoader.DEFAULT_SETTLE_MICROS,
                ScenarioLoader.parse(FILE, withChecks("[{failure-detected: 9s}]")).settleMicros());
    }

    @Test
    void aBoundMayBeLeftOutOnlyWhereTheCheckHasADefault() throws Exception {
        assertEquals(Map.of("no-false-dead", NoFalseDeadCheck.DEFAULT_WINDOW_MICROS),
                ScenarioLoader.parse(FILE, withChecks("[no-false-dead]")).checkBoundsMicros());
        assertEquals(Map.of("no-false-dead", 10_000_000L),
                ScenarioLoader.parse(FILE, withChecks("[{no-false-dead: 10s}]")).checkBoundsMicros());
        assertEquals(List.of("test.yaml:21:19: checks[1]: a time bound for failure-detected, written {failure-detected: 5s}"),
                problems(withChecks("[counter, failure-detected]")));
    }

    @Test
    void aBoundIsOneDurationAboveZero() {
        assertEquals(List.of("test.yaml:21:38: checks[1].failure-detected: a duration such as 250us, 5ms, 1.5s, 2m or 1h, got 'soon'"),
                problems(withChecks("[counter, {failure-detected: soon}]")));
        assertEquals(List.of("test.yaml:21:37: checks[1].broadcast-reach: a bound above 0, such as 5s"),
                problems(withChecks("[counter, {broadcast-reach: 0}]")));
        assertEquals(List.of("test.yaml:21:26: checks[0].no-false-dead: a single value, not a list or mapping"),
                problems(withChecks("[{no-false-dead: [5s]}]")));
    }

    @Test
    void aRatioIsANumberFromOneUpAndRequired() throws Exception {
        assertEquals(Map.of("ring-balance", 1_250L), ScenarioLoader.parse(FILE, withChecks("[{ring-balance: 1.25}]")).checkBoundsMicros());
        assertEquals(List.of("test.yaml:21:19: checks[1]: a ratio for ring-balance, written {ring-balance: 1.5}"),
                problems(withChecks("[counter, ring-balance]")));
        assertEquals(List.of("test.yaml:21:34: checks[1].ring-balance: a ratio from 1 to 1000, such as 1.5; got 0.5"),
                problems(withChecks("[counter, {ring-balance: 0.5}]")));
        assertEquals(List.of("test.yaml:21:34: checks[1].ring-balance: a number, got 'even'"),
                problems(withChecks("[counter, {ring-balance: even}]")));
    }

    @Test
    void aMistakeIsReportedOnceWithoutKnockOnErrorsInFieldsThatDependOnIt() {
        assertEquals(List.of("test.yaml:3:11: duration: a duration such as 250us, 5ms, 1.5s, 2m or 1h, got 'ten'"),
                problems(GOOD.replace("duration: 10s", "duration: ten")));
        assertEquals(List.of("test.yaml:6:12: nodes.program: one of [dht, gcounter, mesh, mqtt, presence, raft-kv, tasks, test-register, test-throwing], got 'gcountr'"),
                problems(GOOD.replace("program: gcounter", "program: gcountr")));
        assertEquals(List.of("test.yaml:10:19: network.latency.dist: constant, uniform, normal or lognormal, got 'gaussian'"),
                problems(GOOD.replace("dist: normal", "dist: gaussian")));
    }

    @Test
    void everyMistakeOfAFileIsReportedInOnePass() {
        String yaml = GOOD.replace("duration: 10s", "duration: ten").replace("loss: 0.1", "loss: 2")
                .replace("rate: 50/s", "rate: fast");
        assertEquals(3, problems(yaml).size(), String.join("\n", problems(yaml)));
    }

    @Test
    void valuesThatWouldBreakARunAreRejectedUpFront() {
        assertProblem(GOOD.replace("mix: {add: 3, read: 1}", "mix: {add: 1e400, read: 1}"),
                "test.yaml:20:47: workload.mix.add: a finite weight above 0");
        assertProblem(GOOD.replace("mix: {add: 3, read: 1}", "mix: {}"),
                "test.yaml:20:41: workload.mix: at least one operation with its weight, such as {add: 1, read: 1}");
        assertProblem(GOOD.replace("config: {fanout: 1}", "config: {fanout: 0}"),
                "test.yaml:7:20: nodes.config.fanout: a whole number of at least 1, got '0'");
        assertProblem(GOOD.replace("config: {fanout: 1}", "config: {gossip-interval: 0}"),
                "test.yaml:7:29: nodes.config.gossip-interval: a duration of at least 1ms, got '0'");
        assertProblem(GOOD.replace("rate: 50/s", "rate: 1e-300/s"),
                "test.yaml:20:30: workload.rate: a rate of at least one per hour");
        assertProblem(GOOD.replace("checks: [counter,", "checks: [{[counter]: 1},"),
                "test.yaml:21:10: checks[0]: a check name, or {name: argument}");
        assertProblem(GOOD.replace("{from: n1, to: n2, loss: 0.5, both-ways: true}", "{from: n1, to: n2}"),
                "test.yaml:13:7: network.links[0]: at least one of latency, loss, duplicate or reorder");
    }

    @Test
    void secureLinksAreOffUnlessAskedForAndTakeTheMeasuredFiguresOrTheFilesOwn() throws Exception {
        assertNull(ScenarioLoader.parse(FILE, GOOD).network().secureLinks());
        Scenario on = ScenarioLoader.parse(FILE, GOOD.replace("  loss: 0.1\n", "  loss: 0.1\n  secure-links: true\n"));
        assertEquals(HandshakeModel.TLS13, on.network().secureLinks());
        Scenario own = ScenarioLoader.parse(FILE, GOOD.replace("  loss: 0.1\n", """
                  loss: 0.1
                  secure-links:
                    resumption: false
                    retransmit: 3s
                    full: {initiator-cpu: 40ms, responder-cpu: 45ms, hello-bytes: 300}
                """));
        HandshakeModel h = own.network().secureLinks();
        assertEquals(false, h.resumption());
        assertEquals(3_000_000, h.retransmitMicros());
        assertEquals(new HandshakeModel.Cost(300, HandshakeModel.TLS13.full().serverFlightBytes(),
                HandshakeModel.TLS13.full().clientFlightBytes(), HandshakeModel.TLS13.full().ticketBytes(), 40_000, 45_000), h.full());
        assertEquals(HandshakeModel.TLS13.resumed(), h.resumed());
        String written = ScenarioWriter.toYaml(own, "round trip", own.firstSeed(), own.faults());
        assertEquals(h, ScenarioLoader.parse(FILE, written).network().secureLinks(), written);
        assertProblem(GOOD.replace("  loss: 0.1\n", "  loss: 0.1\n  secure-links: maybe\n"),
                "test.yaml:12:17: network.secure-links: true, false, or a map such as");
        assertProblem(GOOD.replace("  loss: 0.1\n", "  loss: 0.1\n  secure-links: {full: {cpu: 4ms}}\n"),
                "test.yaml:12:25: network.secure-links.full.cpu: ");
        assertProblem(GOOD.replace("  loss: 0.1\n", "  loss: 0.1\n  secure-links: {retransmit: 0}\n"),
                "test.yaml:12:30: network.secure-links.retransmit: a duration of at least 1us, got 0");
        assertProblem(GOOD.replace("  loss: 0.1\n", "  loss: 0.1\n  secure-links: {full: {hello-bytes: -1}}\n"),
                "test.yaml:12:38: network.secure-links.full.hello-bytes: a whole number from 0 to 1048576, got -1");
    }

    @Test
    void emptySectionsAndReadableNumbersAreAccepted() throws Exception {
        Scenario s = ScenarioLoader.parse(FILE, "name: x\nseeds: 1_000..1_002\nduration: 1s\n"
                + "nodes: {count: 2, program: gcounter}\nfaults:\nworkload:\nchecks: [counter]\n");
        assertEquals(1_000, s.firstSeed());
        assertEquals(1_002, s.lastSeed());
        assertTrue(s.faults().steps().isEmpty());
        assertEquals(0, s.workload().clients());
    }

    @Test
    void missingRequiredFieldsAndMalformedYamlAreReported() {
        assertProblem("name: x\nnodes: {count: 3, program: gcounter}\n",
                "test.yaml:1:1: duration: a value (the length of the run in virtual time, such as 30s); the field is missing");
        assertProblem("name: x\nduration: [1s\n", "test.yaml:3:1: (yaml): well-formed YAML");
        assertProblem("", "test.yaml:1:1: (top level): a scenario; the file is empty");
        assertProblem("name: x\nname: y\nduration: 1s\nnodes: {count: 1, program: gcounter}\n",
                "test.yaml:2:1: name: each field once; it is given twice");
    }
}
