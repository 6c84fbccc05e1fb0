package io.mycel.faults.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mycel's {@code mycel_link} toxic on real sockets: whole frames lost, doubled and reordered at the
 * rates asked, the hello never touched, frame boundaries kept when the toxic comes and goes on a
 * live connection, and a stream that is not Mycel's passed untouched.
 */
@Timeout(60)
class MycelLinkToxicTest {

    static {
        LeakWatch.install();
    }

    private static final byte[] HELLO = "HELLO".getBytes(StandardCharsets.US_ASCII);

    private FaultProxy server;
    private FaultProxyTest.RawHttp http;

    @BeforeEach
    void start() throws IOException {
        server = FaultProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, 11);
        http = new FaultProxyTest.RawHttp(server.apiAddress());
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
        LeakWatch.assertNoLeaks();
    }

    @Test
    void framesAreLostAndDoubledAtTheRatesAskedAndStayInOrder() throws Exception {
        try (TestServer sink = new TestServer(TestServer.Kind.FRAMES)) {
            int port = proxy(sink);
            link("{\"dist\": \"constant\", \"constant_us\": 0, \"loss\": 0.2, \"duplicate\": 0.1}");
            int n = 4000;
            send(port, n);
            List<byte[]> got = awaitFrames(sink, f -> f.size() > 1 && seq(f.get(f.size() - 1)) >= n - 30, 10_000);
            assertArrayEquals(HELLO, got.get(0), "the hello is never lost");
            List<Integer> seqs = seqs(got);
            TreeSet<Integer> distinct = new TreeSet<>(seqs);
            double delivered = distinct.size() / (double) n;
            double doubled = (seqs.size() - distinct.size()) / (double) distinct.size();
            assertTrue(Math.abs(delivered - 0.8) < 0.03, "delivered " + delivered + " of frames at loss 0.2");
            assertTrue(Math.abs(doubled - 0.1) < 0.025, "doubled " + doubled + " of frames at duplicate 0.1");
            for (int i = 1; i < seqs.size(); i++) {
                assertTrue(seqs.get(i) >= seqs.get(i - 1), "without reorder the link stays in order");
            }
            String counters = http.get("/proxies/link").body();
            assertTrue(counters.contains("frames-lost") && counters.contains("frames-duplicated"), counters);
        }
    }

    @Test
    void reorderLetsFramesOvertakeButNeverTheHello() throws Exception {
        try (TestServer sink = new TestServer(TestServer.Kind.FRAMES)) {
            int port = proxy(sink);
            link("{\"dist\": \"uniform\", \"min_us\": 0, \"max_us\": 8000, \"reorder\": 0.5}");
            int n = 400;
            send(port, n);
            List<byte[]> got = awaitFrames(sink, f -> f.size() == n + 1, 10_000);
            assertArrayEquals(HELLO, got.get(0));
            List<Integer> seqs = seqs(got);
            int inversions = 0;
            for (int i = 1; i < seqs.size(); i++) {
                inversions += seqs.get(i) < seqs.get(i - 1) ? 1 : 0;
            }
            assertEquals(n, new TreeSet<>(seqs).size(), "nothing lost or doubled");
            assertTrue(inversions > 20, "frames overtook others " + inversions + " times");
        }
    }

    @Test
    void framesKeepTheirBoundariesWhenTheToxicComesAndGoesMidStream() throws Exception {
        try (TestServer sink = new TestServer(TestServer.Kind.FRAMES)) {
            int port = proxy(sink);
            try (Socket s = new Socket("127.0.0.1", port); DataOutputStream out = new DataOutputStream(s.getOutputStream())) {
                frame(out, HELLO);
                // Frames written in odd pieces, so the toxic meets the stream between and inside frames.
                for (int phase = 0; phase < 3; phase++) {
                    if (phase == 1) {
                        link("{\"loss\": 1.0}");
                    } else if (phase == 2) {
                        http.delete("/proxies/link/toxics/shape");
                    }
                    for (int i = 0; i < 100; i++) {
                        byte[] payload = ByteBuffer.allocate(8 + i % 13).putInt(phase * 100 + i).array();
                        frame(out, payload);
                    }
                    out.flush();
                    Thread.sleep(300);
                }
            }
            List<byte[]> got = awaitFrames(sink, f -> f.size() == 201, 10_000);
            List<Integer> seqs = seqs(got);
            for (int i = 0; i < 200; i++) {
                assertEquals(i < 100 ? i : i + 100, seqs.get(i), "phase 2's frames all lost, the others whole and in order");
            }
        }
    }

    @Test
    void aStreamThatIsNotMycelsPassesUntouched() throws Exception {
        try (TestServer count = new TestServer(TestServer.Kind.COUNT)) {
            int port = proxy(count);
            link("{\"loss\": 1.0}");
            byte[] request = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".repeat(50).getBytes(StandardCharsets.US_ASCII);
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getOutputStream().write(request);
            }
            long deadline = System.currentTimeMillis() + 5000;
            while (count.bytes.get() < request.length && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(request.length, count.bytes.get());
        }
    }

    private int proxy(TestServer upstream) throws Exception {
        var created = http.post("/proxies", "{\"name\": \"link\", \"listen\": \"127.0.0.1:0\", \"upstream\": \"" + upstream.address() + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        String listen = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body()).get("listen").asText();
        return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
    }

    private void link(String attributes) throws Exception {
        var made = http.post("/proxies/link/toxics", "{\"name\": \"shape\", \"type\": \"mycel_link\", \"stream\": \"upstream\", \"attributes\": "
                + attributes + "}");
        assertEquals(200, made.statusCode(), made.body());
    }

    private static void send(int port, int n) throws IOException {
        // One buffered write: the frames reach the proxy together, however slow the machine, so
        // how often they can overtake one another does not hang on the sender's pace.
        try (Socket s = new Socket("127.0.0.1", port);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 1 << 16))) {
            frame(out, HELLO);
            for (int i = 0; i < n; i++) {
                frame(out, ByteBuffer.allocate(8).putInt(i).array());
            }
            out.flush();
        }
    }

    private static void frame(DataOutputStream out, byte[] payload) throws IOException {
        out.writeInt(payload.length);
        out.write(payload);
    }

    private static int seq(byte[] frame) {
        return ByteBuffer.wrap(frame).getInt();
    }

    private static List<Integer> seqs(List<byte[]> frames) {
        List<Integer> out = new ArrayList<>();
        for (byte[] f : frames.subList(1, frames.size())) {
            out.add(seq(f));
        }
        return out;
    }

    private static List<byte[]> awaitFrames(TestServer sink, java.util.function.Predicate<List<byte[]>> done, long millis)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (!sink.frames.isEmpty() && done.test(sink.frames.get(0))) {
                Thread.sleep(200);   // anything late would show now
                return new ArrayList<>(sink.frames.get(0));
            }
            Thread.sleep(20);
        }
        return new ArrayList<>(sink.frames.isEmpty() ? List.of() : sink.frames.get(0));
    }
}
