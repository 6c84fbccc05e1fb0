package io.mycel.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.NodeId;
import io.mycel.node.api.SeededRandom;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection that hears nothing back (its packets dropped by a partition, or a peer frozen) is
 * closed after the silence limit and opened again when there is something to send; one to a live
 * node stays open, its keepalives answered.
 */
class KeepaliveTest {

    private static final TransportLimits QUICK = new TransportLimits(64 << 10, 1024, 1 << 20, 64, 5_000_000, 50_000, 1_000_000,
            100_000, 400_000);

    @TempDir
    Path data;

    @Test
    void aSilentConnectionIsClosedAndOpenedAgain() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket mute = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread swallower = new Thread(() -> {
                while (!mute.isClosed()) {
                    try {
                        Socket socket = mute.accept();
                        accepted.incrementAndGet();
                        Thread reader = new Thread(() -> {
                            try (InputStream in = socket.getInputStream()) {
                                while (in.read(new byte[4096]) >= 0) {
                                    // read everything, answer nothing
                                }
                            } catch (java.io.IOException closed) {
                                // the link gave up on us
                            }
                        });
                        reader.setDaemon(true);
                        reader.start();
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            swallower.setDaemon(true);
            swallower.start();
            NodeId silent = NodeId.of("n9");
            NodeMetrics metrics = new NodeMetrics("@k");
            MonotonicClock clock = MonotonicClock.fromZero();
            try (EventLoopHost host = new EventLoopHost("k", clock, new NodeLog(java.io.OutputStream.nullOutputStream(), clock, "@k"),
                    metrics, QUICK, Map.of(silent, new java.net.InetSocketAddress(mute.getInetAddress(), mute.getLocalPort())),
                    null)) {
                host.start();
                host.call(() -> {
                    host.transport().send(NodeId.of("@k"), Hello.Role.CLIENT, silent, new byte[] {1});
                    return null;
                });
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (metrics.droppedCount("silent-connection") == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(1, metrics.droppedCount("silent-connection"), "closed once for silence");
                host.call(() -> {
                    host.transport().send(NodeId.of("@k"), Hello.Role.CLIENT, silent, new byte[] {2});
                    return null;
                });
                deadline = System.nanoTime() + 5_000_000_000L;
                while (accepted.get() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertEquals(2, accepted.get(), "the next message opened a new connection");
            }
        }
    }

    @Test
    void aConnectionToALiveNodeStaysOpen() throws Exception {
        try (LocalCluster cluster = new LocalCluster("gcounter", 2, data, Map.of("gossip-interval", "700ms"))) {
            for (NodeId node : cluster.addresses.keySet()) {
                cluster.start(node, QUICK);
            }
            // Gossip every 700 ms, longer than the 400 ms silence limit: between two rounds the links carry
            // nothing but keepalives, and would be closed if those went unanswered.
            cluster.request(NodeId.of("n1"), cluster.program.client().call("add", 1, new SeededRandom(1)).request());
            Thread.sleep(2_200);
            assertTrue(cluster.nodes.get(NodeId.of("n1")).metrics().scrape().matches("(?s).*mycel_frames_sent_total\\{[^}]*\\} [2-9].*"),
                    "n1 gossiped over its link more than once");
            for (RealNode node : cluster.nodes.values()) {
                assertEquals(0, node.metrics().droppedCount("silent-connection"), node.config().id() + " kept its links");
            }
            assertTrue(cluster.failures.isEmpty());
        }
    }
}
