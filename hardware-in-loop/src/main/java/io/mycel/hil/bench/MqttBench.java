package io.mycel.hil.bench;

import io.mycel.hil.LocalBackend;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Messages per second and latency of one Mycel node running the mqtt program, beside Debian's
 * Mosquitto when it is installed, under the same Paho load ({@link PahoLoad}) at QoS 0 and QoS 1.
 * Each broker is a process of its own on loopback, started for one load and stopped after it; the
 * node gets the JVM flags the harness gives every node.
 */
public final class MqttBench {

    private static final String MYCEL_HOST = "127.0.0.41";
    private static final String MOSQUITTO_HOST = "127.0.0.42";
    private static final int PORT = 18830;

    private MqttBench() {
    }

    /** @param mosquitto the mosquitto binary, or null to measure Mycel alone */
    public static List<LoadResult> run(Path dir, int pairs, List<Integer> qosLevels, double warmupSeconds, double seconds,
                                       String mosquitto, PrintStream out) throws Exception {
        Files.createDirectories(dir);
        List<LoadResult> results = new ArrayList<>();
        out.printf("%-22s %7s %12s %9s %9s %8s%n", "system", "pairs", "messages/s", "p50 ms", "p99 ms", "failed");
        for (int qos : qosLevels) {
            LoadResult mycel;
            try (Broker broker = mycel(dir.resolve("mycel-qos" + qos))) {
                mycel = PahoLoad.run("mycel", broker.uri, pairs, qos, warmupSeconds, seconds);
            }
            results.add(mycel);
            print(out, mycel, null);
            if (mosquitto != null) {
                LoadResult theirs;
                try (Broker broker = mosquitto(mosquitto, dir.resolve("mosquitto-qos" + qos))) {
                    theirs = PahoLoad.run("mosquitto", broker.uri, pairs, qos, warmupSeconds, seconds);
                }
                results.add(theirs);
                print(out, theirs, mycel);
            }
        }
        return results;
    }

    /** A broker process and the URI its clients use. */
    private static final class Broker implements AutoCloseable {
        final java.lang.Process process;
        final String uri;

        Broker(java.lang.Process process, String host) throws IOException, InterruptedException {
            this.process = process;
            this.uri = "tcp://" + host + ":" + PORT;
            awaitListening(host);
        }

        private void awaitListening(String host) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (true) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(host, PORT), 200);
                    return;
                } catch (IOException notYet) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        close();
                        throw new IOException("the broker at " + host + ":" + PORT + " did not start; see its log");
                    }
                    Thread.sleep(100);
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static Broker mycel(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String yaml = "id: n1\nlisten: " + MYCEL_HOST + ":7400\nprogram: mqtt\nmembers:\n  n1: " + MYCEL_HOST + ":7400\n"
                + "data: " + dir.resolve("data") + "\nmqtt: " + MYCEL_HOST + ":" + PORT + "\n";
        Path config = dir.resolve("node.yaml");
        Files.writeString(config, yaml, StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LocalBackend.NODE_JVM_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.mycel.node.runtime.NodeMain", "--config",
                config.toString()));
        java.lang.Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile())
                .start();
        return new Broker(p, MYCEL_HOST);
    }

    private static Broker mosquitto(String binary, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path config = dir.resolve("mosquitto.conf");
        // Mosquitto 2 listens on nothing without a listener line; no persistence, as the Mycel broker has none.
        Files.writeString(config, "listener " + PORT + " " + MOSQUITTO_HOST + "\nallow_anonymous true\npersistence false\n"
                + "max_inflight_messages 32\nmax_queued_messages 1000\nlog_dest stderr\n", StandardCharsets.UTF_8);
        java.lang.Process p = new ProcessBuilder(binary, "-c", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        return new Broker(p, MOSQUITTO_HOST);
    }

    private static void print(PrintStream out, LoadResult result, LoadResult mycel) {
        String ratio = mycel == null ? "" : String.format("   mycel/mosquitto: %.2fx messages/s, %.2fx p99",
                mycel.perSecond() / result.perSecond(), mycel.percentileMillis(0.99) / result.percentileMillis(0.99));
        out.printf("%-22s %7d %,12.0f %9.2f %9.2f %8d%s%n", result.system(), result.clients(), result.perSecond(),
                result.percentileMillis(0.5), result.percentileMillis(0.99), result.failed(), ratio);
    }
}
