package io.mycel.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.ClientCall;
import io.mycel.node.api.ClientReply;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.SeededRandom;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The g-counter program on three real nodes over TCP: the same node code the simulator runs. */
class RealClusterTest {

    @TempDir
    Path data;

    @Test
    void addsOnEveryNodeConvergeAndSurviveARestart() throws Exception {
        try (LocalCluster cluster = new LocalCluster("gcounter", 3, data, Map.of("gossip-interval", "20ms"))) {
            cluster.startAll();
            SeededRandom random = new SeededRandom(3);
            long total = 0;
            long requestId = 0;
            for (NodeId node : cluster.addresses.keySet()) {
                for (int i = 0; i < 5; i++) {
                    ClientCall add = cluster.program.client().call("add", ++requestId, random);
                    cluster.request(node, add.request());
                    ClientReply reply = cluster.answer(5_000);
                    assertNotNull(reply, "node " + node + " answered add " + requestId);
                    assertTrue(reply.applied());
                    total += (Long) add.value();
                }
            }
            assertEquals(total, readUntil(cluster, NodeId.of("n3"), total, requestId += 100));

            // A clean stop and start on the same data directory: acknowledged adds were synced.
            cluster.stop(NodeId.of("n2"));
            cluster.start(NodeId.of("n2"));
            assertEquals(total, readUntil(cluster, NodeId.of("n2"), total, requestId += 100));
            assertTrue(cluster.failures.isEmpty(), "no handler threw: " + cluster.failures);
            String log = cluster.logs.get(NodeId.of("n2")).toString(StandardCharsets.UTF_8);
            assertTrue(log.contains("\"type\":\"start\""), log);
            assertTrue(log.lines().allMatch(line -> line.startsWith("{\"t\":")), "one JSON record per line: " + log);
        }
    }

    /** Reads {@code node}'s value until it reaches {@code expected} or 10 s pass; returns the last read. */
    static long readUntil(LocalCluster cluster, NodeId node, long expected, long firstRequestId) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long value = -1;
        long requestId = firstRequestId;
        while (value != expected && System.nanoTime() < deadline) {
            cluster.request(node, cluster.program.client().call("read", ++requestId, new SeededRandom(1)).request());
            ClientReply reply = cluster.answer(2_000);
            if (reply != null && reply.requestId() == requestId) {
                value = (Long) reply.value();
            }
            Thread.sleep(20);
        }
        return value;
    }
}
