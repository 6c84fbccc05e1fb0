package io.mycel.hil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.check.Verdict;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioLoader;
import io.mycel.scenario.run.RunResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's CRDT and consensus scenarios, unchanged, with each node in a container of its own:
 * crashes are {@code docker kill}, pauses the cgroup freezer, partitions nftables rules inside the
 * containers. The test starts the lab's Docker engine and builds the node image when they are
 * missing (as root, which CI is).
 */
class DockerScenarioTest {

    private static String image;

    @TempDir
    Path out;

    @BeforeAll
    static void engineAndImage() throws Exception {
        image = NodeImage.ensure();
    }

    @Test
    void theCrdtScenarioPassesInContainers() throws Exception {
        RunResult result = run("gcounter-partitions-crashes.yaml");
        String trace = Files.readString(result.outputDir().resolve("trace.jsonl"), StandardCharsets.UTF_8);
        assertTrue(trace.contains("\"type\":\"crash\",\"node\":\"n3\""), "the fixed crash of n3 was made");
        assertTrue(trace.contains("\"type\":\"restart\",\"node\":\"n3\""), "and its restart");
        assertTrue(trace.contains("\"type\":\"partition\",\"groups\":[[\"n1\",\"n2\"],[\"n3\",\"n4\",\"n5\"]]"),
                "the fixed partition was made inside the containers");
        String log = Files.readString(result.outputDir().resolve("nodes/n3/node.log"), StandardCharsets.UTF_8);
        assertEquals(2, log.lines().filter(line -> line.contains("\"type\":\"start\"")).count(),
                "n3's log holds both its lives: the container kept its output across the kill");
        assertTrue(log.contains("\"incarnation\":2"), "and its second life counted from its own data: " + log);
        String proxyLog = Files.readString(result.outputDir().resolve("nodes/n3/fault-proxy.log"), StandardCharsets.UTF_8);
        assertEquals(2, proxyLog.lines().filter(line -> line.startsWith("fault proxy API on")).count(),
                "n3's links were shaped in both its lives: a new proxy in the restarted container's namespace: " + proxyLog);
    }

    @Test
    void theConsensusScenarioIsLinearizableInContainers() throws Exception {
        RunResult result = run("raft-kv-partitions-crashes.yaml");
        String trace = Files.readString(result.outputDir().resolve("trace.jsonl"), StandardCharsets.UTF_8);
        assertTrue(trace.contains("\"event\":\"raft-leader\""), "the nodes' notes were merged into the trace");
        assertTrue(trace.contains("\"type\":\"network\",\"latency\":\"lognormal median 2ms p99 30ms\",\"loss\":0.46"),
                "the nemesis's loss fault was made on the containers' links");
    }

    private RunResult run(String file) throws Exception {
        Scenario scenario = ScenarioLoader.load(Path.of("..", "scenarios", "library", file));
        RunResult result = HilRunner.run(scenario, 1, new DockerBackend(image), out).result();
        assertNull(result.error(), "the run completed: " + result.error());
        assertEquals(Verdict.PASS, result.verdict(), () -> result.checks().toString());
        assertTrue(result.operationCount() > 100, "the workload ran: " + result.operationCount() + " operations");
        return result;
    }
}
