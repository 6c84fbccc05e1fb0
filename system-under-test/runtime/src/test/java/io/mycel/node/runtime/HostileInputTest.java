package io.mycel.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.ClientReply;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.SeededRandom;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that is sent garbage, truncated frames, oversized frames, floods and impostors rejects
 * and counts each, and keeps answering well-behaved clients, on the very connection that flooded
 * it when that connection's frames were merely malformed.
 */
class HostileInputTest {

    private static final NodeId N1 = NodeId.of("n1");
    private static final TransportLimits LIMITS = new TransportLimits(64 << 10, 1024, 1 << 20, 64, 300_000, 50_000, 1_000_000, 300_000, 1_500_000);

    @TempDir
    Path data;

    @Test
    void garbageIsRejectedCountedAndTheNodeKeepsServing() throws Exception {
        try (LocalCluster cluster = new LocalCluster("gcounter", 1, data, Map.of())) {
            RealNode node = cluster.start(N1, LIMITS);
            NodeMetrics metrics = node.metrics();
            InetSocketAddress address = node.address();

            // Not a hello: random bytes in a well-formed frame.
            try (Socket socket = connect(address)) {
                frame(socket, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
                assertClosed(socket);
            }
            awaitCount(() -> metrics.rejectedCount("bad-hello"), 1);

            // A length prefix far past the limit: the stream cannot be trusted after it.
            try (Socket socket = connect(address)) {
                new DataOutputStream(socket.getOutputStream()).writeInt(Integer.MAX_VALUE);
                socket.getOutputStream().write(new byte[64]);
                assertClosed(socket);
            }
            awaitCount(() -> metrics.rejectedCount("too-long"), 1);

            // A frame cut short by the connection closing.
            try (Socket socket = connect(address)) {
                frame(socket, hello("@cut"));
                DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                out.writeInt(100);
                out.write(new byte[10]);
                out.flush();
            }
            awaitCount(() -> metrics.rejectedCount("truncated"), 1);

            // Silence: no hello within the limit.
            try (Socket socket = connect(address)) {
                assertClosed(socket);
            }
            awaitCount(() -> metrics.rejectedCount("no-hello"), 1);

            // An impostor: a peer name the cluster does not have, and a client using a member's name.
            try (Socket socket = connect(address)) {
                frame(socket, new Hello(Hello.Role.PEER, NodeId.of("n9"), N1).encode());
                assertClosed(socket);
            }
            try (Socket socket = connect(address)) {
                frame(socket, new Hello(Hello.Role.CLIENT, N1, N1).encode());
                assertClosed(socket);
            }
            awaitCount(() -> metrics.rejectedCount("unknown-peer") + metrics.rejectedCount("client-as-member"), 2);

            // A flood of malformed messages after a proper hello, then a real request on the same connection.
            int flood = 20_000;
            SeededRandom random = new SeededRandom(11);
            try (Socket socket = connect(address)) {
                DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(socket.getOutputStream(), 1 << 16));
                writeFrame(out, hello("@flood"));
                for (int i = 0; i < flood; i++) {
                    byte[] junk = new byte[1 + random.nextInt(40)];
                    for (int j = 0; j < junk.length; j++) {
                        junk[j] = (byte) (0x80 | random.nextInt(256));   // high tags: no message of the codec starts so
                    }
                    writeFrame(out, junk);
                }
                writeFrame(out, cluster.program.codec().toBytes(cluster.program.client().call("read", 42, random).request()));
                out.flush();
                socket.setSoTimeout(10_000);
                DataInputStream in = new DataInputStream(socket.getInputStream());
                byte[] answer = new byte[in.readInt()];
                in.readFully(answer);
                ClientReply reply = cluster.program.client().reply(cluster.program.codec().fromBytes(answer));
                assertNotNull(reply);
                assertEquals(42, reply.requestId(), "the flooded connection still gets its answer");
            }
            assertEquals(flood, metrics.rejectedCount("malformed"), "every malformed frame counted");

            // And a well-behaved client is served as ever.
            cluster.request(N1, cluster.program.client().call("add", 1, random).request());
            ClientReply reply = cluster.answer(5_000);
            assertNotNull(reply);
            assertTrue(reply.applied());
            assertTrue(cluster.failures.isEmpty(), "no handler threw: " + cluster.failures);
            String scrape = metrics.scrape();
            assertTrue(scrape.contains("mycel_frames_rejected_total{") && scrape.contains("reason=\"malformed\""), scrape);
        }
    }

    private static byte[] hello(String client) {
        return new Hello(Hello.Role.CLIENT, NodeId.of(client), N1).encode();
    }

    private static Socket connect(InetSocketAddress address) throws IOException {
        Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static void frame(Socket socket, byte[] payload) throws IOException {
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        writeFrame(out, payload);
        out.flush();
    }

    private static void writeFrame(DataOutputStream out, byte[] payload) throws IOException {
        out.writeInt(payload.length);
        out.write(payload);
    }

    /** The node closed the connection: a read sees the end of the stream (or a reset). */
    private static void assertClosed(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            assertEquals(-1, in.read(), "the node closed the connection");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the node kept a connection it should have closed", e);
        } catch (java.net.SocketException e) {
            // reset by the node: closed as well
        }
    }

    private static void awaitCount(LongSupplier count, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (count.getAsLong() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(count.getAsLong() >= atLeast, "count reached " + atLeast + ", is " + count.getAsLong());
    }
}
