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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ssh backend against real OpenSSH servers, one per stand-in host, each in a network namespace
 * of its own with its own address (scripts/ssh-hosts.sh, as root): the node jar is uploaded over
 * SFTP, nodes are started, killed and frozen through SSH, and partitions are nftables rules made on
 * each host. The library's CRDT scenario must pass as it does locally.
 */
class SshScenarioTest {

    @TempDir
    static Path hostsDir;

    @TempDir
    Path out;

    @BeforeAll
    static void hosts() throws Exception {
        LabHome.find().run("ssh-hosts.sh", List.of("up", "5", hostsDir.toString()), Map.of(), 120);
    }

    @AfterAll
    static void noHosts() throws Exception {
        LabHome.find().run("ssh-hosts.sh", List.of("down", hostsDir.toString()), Map.of(), 60);
    }

    @Test
    void theCrdtScenarioPassesOnHostsReachedOverSsh() throws Exception {
        Scenario scenario = ScenarioLoader.load(Path.of("..", "scenarios", "library", "gcounter-partitions-crashes.yaml"));
        RunResult result = HilRunner.run(scenario, 1, SshBackend.fromCheckout(hostsDir.resolve("hosts.yaml")), out).result();
        assertNull(result.error(), "the run completed: " + result.error());
        assertEquals(Verdict.PASS, result.verdict(), () -> result.checks().toString());
        String trace = Files.readString(result.outputDir().resolve("trace.jsonl"), StandardCharsets.UTF_8);
        assertTrue(trace.contains("\"type\":\"crash\""), "nodes were killed over ssh");
        assertTrue(trace.contains("\"type\":\"restart\""), "and started again");
        assertTrue(trace.contains("\"type\":\"partition\",\"groups\":[[\"n1\",\"n2\"],[\"n3\",\"n4\",\"n5\"]]"),
                "the fixed partition was made with nftables on the hosts");
        String log = Files.readString(result.outputDir().resolve("nodes/n1/node.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains("\"listen\":\"/10.213.0.1:7400\""), "n1 ran on its host's address: " + log);
        String proxyLog = Files.readString(result.outputDir().resolve("nodes/n1/fault-proxy.log"), StandardCharsets.UTF_8);
        assertTrue(proxyLog.contains("fault proxy API on 10.213.0.1:8474"), "and its links went through a fault proxy there: " + proxyLog);
    }
}
