package io.mycel.faults.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fault proxy driven by Toxiproxy's own Java client, as a Toxiproxy server would be: each toxic
 * is measured on real sockets through the proxy (times with slack for a loaded 2-core machine).
 */
@Timeout(60)
class FaultProxyTest {

    static {
        LeakWatch.install();
    }

    private FaultProxy server;
    private ToxiproxyClient client;

    @BeforeEach
    void start() throws IOException {
        server = FaultProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null, 7);
        client = new ToxiproxyClient("127.0.0.1", server.apiAddress().getPort());
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
        LeakWatch.assertNoLeaks();
    }

    @Test
    void latencyAndJitterDelayEveryRoundTrip() throws Exception {
        try (TestServer echo = new TestServer(TestServer.Kind.ECHO)) {
            Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());
            try (Socket s = connect(proxy)) {
                assertTrue(median(roundTrips(s, 10)) < 20, "without toxics a round trip on loopback is quick");
                Latency latency = proxy.toxics().latency("slow", ToxicDirection.UPSTREAM, 80);
                double[] times = roundTrips(s, 10);
                assertTrue(min(times) >= 78 && median(times) < 130, "80 ms each way up: " + Arrays.toString(times));
                latency.setJitter(40);
                times = roundTrips(s, 40);
                assertTrue(min(times) >= 38 && max(times) < 180 && max(times) - min(times) > 25,
                        "80 ms give or take 40: " + Arrays.toString(times));
                latency.remove();
                assertTrue(median(roundTrips(s, 10)) < 20, "the toxic's removal takes effect on a live connection");
            }
        }
    }

    @Test
    void bandwidthSlowsTheSenderToTheRate() throws Exception {
        try (TestServer sink = new TestServer(TestServer.Kind.COUNT)) {
            Proxy proxy = client.createProxy("sink", "127.0.0.1:0", sink.address());
            proxy.toxics().bandwidth("narrow", ToxicDirection.UPSTREAM, 400);   // 400 KB/s
            byte[] chunk = new byte[8 << 10];
            long start = System.nanoTime();
            try (Socket s = connect(proxy); OutputStream out = s.getOutputStream()) {
                for (int i = 0; i < 50; i++) {
                    out.write(chunk);   // 400 KB in all: a second at the rate
                }
                long deadline = System.currentTimeMillis() + 10_000;
                while (sink.bytes.get() < 50L * chunk.length && System.currentTimeMillis() < deadline) {
                    Thread.sleep(5);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(50L * chunk.length, sink.bytes.get());
            assertTrue(seconds > 0.9 && seconds < 2.0, "409,600 bytes at 400 KB/s took " + seconds + " s");
        }
    }

    @Test
    void resetPeerResetsAndTimeoutClosesWithoutData() throws Exception {
        try (TestServer echo = new TestServer(TestServer.Kind.ECHO)) {
            Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());
            proxy.toxics().resetPeer("rst", ToxicDirection.DOWNSTREAM, 0);
            try (Socket s = connect(proxy)) {
                s.getOutputStream().write(1);
                SocketException reset = assertThrows(SocketException.class, () -> s.getInputStream().read());
                assertTrue(reset.getMessage().contains("reset"), reset.getMessage());
            }
            proxy.toxics().get("rst").remove();
            proxy.toxics().timeout("silence", ToxicDirection.DOWNSTREAM, 300);
            try (Socket s = connect(proxy)) {
                long start = System.nanoTime();
                s.getOutputStream().write(new byte[] {1, 2, 3});
                assertEquals(-1, s.getInputStream().read(), "nothing passes, then the connection closes");
                double ms = (System.nanoTime() - start) / 1e6;
                assertTrue(ms >= 290 && ms < 1500, "closed after " + ms + " ms");
            }
        }
    }

    @Test
    void aTimeoutOfZeroHoldsDataUntilItIsRemoved() throws Exception {
        try (TestServer echo = new TestServer(TestServer.Kind.ECHO)) {
            Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());
            try (Socket s = connect(proxy)) {
                proxy.toxics().timeout("hold", ToxicDirection.DOWNSTREAM, 0);
                s.getOutputStream().write(new byte[] {4, 5, 6});
                s.setSoTimeout(300);
                assertThrows(java.net.SocketTimeoutException.class, () -> s.getInputStream().read());
                proxy.toxics().get("hold").remove();
                s.setSoTimeout(3000);
                assertArrayEquals(new byte[] {4, 5, 6}, s.getInputStream().readNBytes(3));
            }
        }
    }

    @Test
    void limitDataAndSlicerCutTheStream() throws Exception {
        try (TestServer echo = new TestServer(TestServer.Kind.ECHO)) {
            Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());
            proxy.toxics().slicer("slices", ToxicDirection.DOWNSTREAM, 7, 2000).setSizeVariation(3);
            try (Socket s = connect(proxy)) {
                byte[] sent = new byte[64];
                Arrays.fill(sent, (byte) 9);
                long start = System.nanoTime();
                s.getOutputStream().write(sent);
                assertArrayEquals(sent, s.getInputStream().readNBytes(64), "sliced, every byte still arrives in order");
                assertTrue((System.nanoTime() - start) / 1e6 >= 10, "at least 9 slices 2 ms apart");
            }
            proxy.toxics().get("slices").remove();
            proxy.toxics().limitData("cap", ToxicDirection.DOWNSTREAM, 10);
            try (Socket s = connect(proxy)) {
                s.getOutputStream().write(new byte[100]);
                s.setSoTimeout(3000);
                assertEquals(10, s.getInputStream().readAllBytes().length, "ten bytes, then the connection closes");
            }
        }
    }

    @Test
    void aDisabledProxyRefusesConnectionsAndResetRestoresIt() throws Exception {
        try (TestServer echo = new TestServer(TestServer.Kind.ECHO)) {
            Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());
            proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 500);
            Socket open = connect(proxy);
            proxy.disable();
            assertEquals(-1, open.getInputStream().read(), "down closes the connections it had");
            assertThrows(ConnectException.class, () -> connect(proxy));
            client.reset();
            Proxy again = client.getProxy("echo");
            assertTrue(again.isEnabled());
            assertEquals(0, again.toxics().getAll().size(), "reset removes every toxic");
            try (Socket s = connect(again)) {
                assertTrue(median(roundTrips(s, 3)) < 100);
            }
        }
    }

    @Test
    void mistakesGetTheStatusAndTheReason() throws Exception {
        try (TestServer echo = new TestServer(TestServer.Kind.ECHO)) {
            Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());
            IOException duplicate = assertThrows(IOException.class, () -> client.createProxy("echo", "127.0.0.1:0", echo.address()));
            assertTrue(duplicate.getMessage().contains("409") || duplicate.getMessage().contains("already exists"), duplicate.getMessage());
            IOException missing = assertThrows(IOException.class, () -> client.getProxy("nope"));
            assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
            proxy.toxics().latency("slow", ToxicDirection.UPSTREAM, 5);
            IOException twice = assertThrows(IOException.class, () -> proxy.toxics().latency("slow", ToxicDirection.UPSTREAM, 5));
            assertTrue(twice.getMessage().contains("already exists"), twice.getMessage());

            RawHttp http = new RawHttp(server.apiAddress());
            assertEquals(400, http.post("/proxies/echo/toxics", "{\"type\": \"latency\", \"attributes\": {\"latncy\": 5}}").statusCode());
            assertTrue(http.last().contains("no attribute 'latncy'"), http.last());
            assertEquals(400, http.post("/proxies/echo/toxics", "{\"type\": \"gremlin\"}").statusCode());
            assertEquals(400, http.post("/proxies", "{not json").statusCode());
            assertEquals(400, http.post("/proxies", "{\"name\": \"x\", \"listen\": \"nowhere\", \"upstream\": \"127.0.0.1:1\"}").statusCode());
            assertTrue(http.last().contains("HOST:PORT"), http.last());
            assertEquals(400, http.post("/proxies/echo/toxics",
                    "{\"type\": \"mycel_link\", \"attributes\": {\"dist\": \"uniform\", \"min_us\": 9, \"max_us\": 3}}").statusCode());
            assertTrue(http.last().contains("below min"), http.last());
            assertEquals(200, http.get("/version").statusCode());
            assertTrue(client.version().contains("mycel"));
        }
    }

    /** A server that sends 3 MB and closes, read slowly through a latency: every byte arrives, in order, before the end. */
    @Test
    void aCloseComesAfterEveryByteBeforeIt() throws Exception {
        try (TestServer blast = new TestServer(TestServer.Kind.BLAST)) {
            Proxy proxy = client.createProxy("blast", "127.0.0.1:0", blast.address());
            proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 20);
            proxy.toxics().slowClose("linger", ToxicDirection.DOWNSTREAM, 300);
            try (Socket s = connect(proxy); InputStream in = s.getInputStream()) {
                byte[] block = new byte[64 << 10];
                long total = 0;
                long start = System.nanoTime();
                int n;
                while ((n = in.readNBytes(block, 0, block.length)) > 0) {
                    for (int i = 0; i < n; i++) {
                        if (block[i] != (byte) ((total + i) / block.length)) {
                            throw new AssertionError("byte " + (total + i) + " out of order");
                        }
                    }
                    total += n;
                    Thread.sleep(2);   // a slow reader: the proxy's buffers fill and it stops reading upstream
                }
                assertEquals(TestServer.BLAST_BYTES, total, "the close did not cut the data before it");
                assertTrue((System.nanoTime() - start) / 1e6 >= 300, "slow_close held the close 300 ms");
            }
        }
    }

    /** Data held by a timeout goes, when the toxic is removed, before anything sent after the removal. */
    @Test
    void removingATimeoutKeepsTheStreamInOrder() throws Exception {
        try (TestServer echo = new TestServer(TestServer.Kind.ECHO)) {
            Proxy proxy = client.createProxy("echo", "127.0.0.1:0", echo.address());
            try (Socket s = connect(proxy)) {
                for (int round = 0; round < 20; round++) {
                    proxy.toxics().timeout("hold", ToxicDirection.UPSTREAM, 0);
                    s.getOutputStream().write(new byte[] {(byte) (2 * round)});
                    proxy.toxics().get("hold").remove();
                    s.getOutputStream().write(new byte[] {(byte) (2 * round + 1)});
                    s.setSoTimeout(3000);
                    assertArrayEquals(new byte[] {(byte) (2 * round), (byte) (2 * round + 1)}, s.getInputStream().readNBytes(2));
                }
            }
        }
    }

    private static Socket connect(Proxy proxy) throws IOException {
        String[] listen = proxy.getListen().split(":");
        Socket s = new Socket(listen[0], Integer.parseInt(listen[1]));
        s.setTcpNoDelay(true);
        return s;
    }

    /** Round trips of one byte through an echo, in milliseconds. */
    static double[] roundTrips(Socket s, int n) throws IOException {
        double[] out = new double[n];
        OutputStream o = s.getOutputStream();
        InputStream in = s.getInputStream();
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            o.write(i);
            o.flush();
            if (in.read() != (i & 0xFF)) {
                throw new IOException("echo answered the wrong byte");
            }
            out[i] = (System.nanoTime() - start) / 1e6;
        }
        return out;
    }

    static double median(double[] xs) {
        double[] sorted = xs.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static double min(double[] xs) {
        return Arrays.stream(xs).min().orElseThrow();
    }

    static double max(double[] xs) {
        return Arrays.stream(xs).max().orElseThrow();
    }

    /** Plain requests, for what Toxiproxy's client does not send (mistakes, Mycel's toxic). */
    static final class RawHttp {
        private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        private final InetSocketAddress api;
        private String last;

        RawHttp(InetSocketAddress api) {
            this.api = api;
        }

        java.net.http.HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
            return send(java.net.http.HttpRequest.newBuilder(uri(path)).POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
        }

        java.net.http.HttpResponse<String> delete(String path) throws IOException, InterruptedException {
            return send(java.net.http.HttpRequest.newBuilder(uri(path)).DELETE().build());
        }

        java.net.http.HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return send(java.net.http.HttpRequest.newBuilder(uri(path)).GET().build());
        }

        private java.net.http.HttpResponse<String> send(java.net.http.HttpRequest request) throws IOException, InterruptedException {
            java.net.http.HttpResponse<String> response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            last = response.body();
            return response;
        }

        String last() {
            return last;
        }

        private java.net.URI uri(String path) {
            return java.net.URI.create("http://127.0.0.1:" + api.getPort() + path);
        }
    }
}
