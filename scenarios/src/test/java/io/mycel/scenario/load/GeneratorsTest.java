package io.mycel.scenario.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.faults.RandomNemesis;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.run.RunResult;
import io.mycel.scenario.run.ScenarioRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorsTest {

    private static final String DRAWN = """
            name: drawn
            seeds: 1..50
            duration: {between: [2s, 4s]}
            nodes:
              count: {one-of: [3, 5]}
              program: gcounter
            network:
              latency: {dist: lognormal, median: {between: [1ms, 5ms]}, p99: 30ms}
              loss: {between: [0, 0.05]}
            faults:
              - random: {kinds: [crash, pause, partition, skew], swarm: true, every: 300ms..1s, lasting: 100ms..500ms, until: 1.5s}
            workload:
              clients: {between: [1, 4]}
              rate: {between: [20/s, 80/s]}
            checks: [counter]
            """;

    @TempDir
    Path dir;

    private static Scenario parse(String text) throws ScenarioException {
        return ScenarioLoader.parse(Path.of("test.yaml"), text);
    }

    @Test
    void eachSeedDrawsItsOwnValuesWithinTheirRangesAndTheSameSeedTheSameOnes() throws Exception {
        Scenario template = parse(DRAWN);
        Set<Integer> counts = new HashSet<>();
        Set<Set<RandomNemesis.Kind>> kindSets = new HashSet<>();
        Set<Long> durations = new HashSet<>();
        for (long seed = 1; seed <= 50; seed++) {
            Scenario s = template.forSeed(seed);
            assertNull(s.draws());
            assertEquals(template.draws().values(seed), template.draws().values(seed));
            counts.add(s.nodes().ids().size());
            durations.add(s.durationMicros());
            assertTrue(s.durationMicros() >= 2_000_000 && s.durationMicros() <= 4_000_000, "seed " + seed);
            assertTrue(s.network().defaultLink().loss() >= 0 && s.network().defaultLink().loss() <= 0.05);
            assertTrue(s.workload().clients() >= 1 && s.workload().clients() <= 4);
            assertTrue(s.workload().ratePerSecond() >= 20 && s.workload().ratePerSecond() <= 80);
            Set<RandomNemesis.Kind> kinds = s.nemeses().get(0).kinds();
            assertTrue(!kinds.isEmpty() && kinds.size() <= 4, "swarm keeps at least one kind");
            kindSets.add(kinds);
        }
        assertEquals(Set.of(3, 5), counts);
        assertTrue(durations.size() > 20, "durations vary: " + durations.size());
        assertTrue(kindSets.size() > 5, "swarm switches different kinds off on different seeds: " + kindSets);
        assertNotEquals(template.draws().values(1), template.draws().values(2));
    }

    @Test
    void everyValueASeedCouldDrawIsCheckedAtLoadWithTheGeneratorsPosition() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> parse(DRAWN.replace("loss: {between: [0, 0.05]}", "loss: {between: [0, 1.5]}")));
        assertTrue(e.problems().get(0).startsWith("test.yaml:9:9: network.loss: a probability"), e.problems().toString());
        e = assertThrows(ScenarioException.class, () -> parse(DRAWN.replace("{one-of: [3, 5]}", "{one-of: [3, many]}")));
        assertTrue(e.problems().get(0).startsWith("test.yaml:5:"), e.problems().toString());
        e = assertThrows(ScenarioException.class, () -> parse(DRAWN.replace("[2s, 4s]", "[4s, 2s]")));
        assertTrue(e.problems().get(0).contains("duration.between: two numbers, two durations or two rates of one unit, low first"),
                e.problems().toString());
        e = assertThrows(ScenarioException.class, () -> parse(DRAWN.replace("[1, 4]", "[1, 4s]")));
        assertTrue(e.problems().get(0).contains("workload.clients.between"), e.problems().toString());
    }

    @Test
    void aRunWritesTheDrawnScenarioWhichReplaysTheSeedAlone() throws Exception {
        Scenario template = parse(DRAWN);
        RunResult run = ScenarioRunner.run(template, 7, dir, null);
        Scenario written = ScenarioLoader.load(run.outputDir().resolve("scenario.yaml"));
        assertNull(written.draws());
        assertEquals(7, written.firstSeed());
        RunResult replay = ScenarioRunner.run(written, 7, null, null);
        assertEquals(run.traceSha256(), replay.traceSha256());
        assertTrue(Files.readString(run.outputDir().resolve("scenario.yaml")).contains("count: " + template.forSeed(7).nodes().ids().size()));
    }

    @Test
    void aFileWithoutGeneratorsHasNoDraws() throws Exception {
        assertNull(parse(DRAWN.replace("{one-of: [3, 5]}", "3").replace("{between: [2s, 4s]}", "3s")
                .replace("{between: [1ms, 5ms]}", "2ms").replace("{between: [0, 0.05]}", "0.01").replace(" swarm: true,", "")
                .replace("{between: [1, 4]}", "2").replace("{between: [20/s, 80/s]}", "50/s")).draws());
    }
}
