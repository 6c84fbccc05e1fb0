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

    /**
     * What one load measured, with the CPU time the broker's process spent in the measured window
     * (user and system): on a machine the clients share, the broker's throughput is partly the
     * clients', but its CPU per message is its own.
     */
    public record Measured(LoadResult load, double brokerCpuSeconds) {

        double cpuMicrosPerMessage() {
            return load.acknowledged() == 0 ? Double.NaN : brokerCpuSeconds * 1e6 / load.acknowledged();
        }
    }

    /**
     * Runs each QoS level {@code rounds} times, Mycel then Mosquitto in each round (so drift in the
     * machine touches both alike), prints every load and then the medians per system and level.
     *
     * @param mosquitto the mosquitto binary, or null to measure Mycel alone
     */
    public static List<Measured> run(Path dir, int pairs, List<Integer> qosLevels, int rounds, double warmupSeconds, double seconds,
                                     String mosquitto, PrintStream out) throws Exception {
        Files.createDirectories(dir);
        List<Measured> results = new ArrayList<>();
        out.printf("%-22s %7s %12s %9s %9s %12s %8s%n", "system", "pairs", "messages/s", "p50 ms", "p99 ms", "cpu us/msg", "failed");
        for (int qos : qosLevels) {
            List<Measured> ours = new ArrayList<>();
            List<Measured> theirs = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                try (Broker broker = mycel(dir.resolve("mycel-qos" + qos))) {
                    ours.add(measure("mycel", broker, pairs, qos, warmupSeconds, seconds));
                }
                print(out, ours.get(ours.size() - 1));
                if (mosquitto != null) {
                    try (Broker broker = mosquitto(mosquitto, dir.resolve("mosquitto-qos" + qos))) {
                        theirs.add(measure("mosquitto", broker, pairs, qos, warmupSeconds, seconds));
                    }
                    print(out, theirs.get(theirs.size() - 1));
                }
            }
            results.addAll(ours);
            results.addAll(theirs);
            summarise(out, qos, ours, theirs);
        }
        return results;
    }

    private static Measured measure(String system, Broker broker, int pairs, int qos, double warmupSeconds, double seconds)
            throws Exception {
        double[] cpu = new double[2];
        LoadResult load = PahoLoad.run(system, broker.uri, pairs, qos, warmupSeconds, seconds, new PahoLoad.Window() {
            @Override
            public void opened() {
                cpu[0] = broker.cpuSeconds();
            }

            @Override
            public void closed() {
                cpu[1] = broker.cpuSeconds();
            }
        });
        return new Measured(load, cpu[1] - cpu[0]);
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

        /** User and system CPU time of the broker's process so far; NaN where the platform does not say. */
        double cpuSeconds() {
            return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
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

    private static void print(PrintStream out, Measured m) {
        LoadResult r = m.load();
        out.printf("%-22s %7d %,12.0f %9.2f %9.2f %12.1f %8d%n", r.system(), r.clients(), r.perSecond(), r.percentileMillis(0.5),
                r.percentileMillis(0.99), m.cpuMicrosPerMessage(), r.failed());
    }

    /** Medians over the rounds, and Mycel's against Mosquitto's. */
    private static void summarise(PrintStream out, int qos, List<Measured> ours, List<Measured> theirs) {
        double rate = median(ours, m -> m.load().perSecond());
        double p99 = median(ours, m -> m.load().percentileMillis(0.99));
        double cpu = median(ours, Measured::cpuMicrosPerMessage);
        out.printf("qos%d median of %d: mycel %,.0f messages/s, p99 %.1f ms, %.1f cpu us/msg", qos, ours.size(), rate, p99, cpu);
        if (!theirs.isEmpty()) {
            double theirRate = median(theirs, m -> m.load().perSecond());
            double theirP99 = median(theirs, m -> m.load().percentileMillis(0.99));
            double theirCpu = median(theirs, Measured::cpuMicrosPerMessage);
            out.printf("; mosquitto %,.0f messages/s, p99 %.1f ms, %.1f cpu us/msg; mycel/mosquitto %.2fx messages/s, %.2fx p99,"
                    + " %.2fx cpu per message", theirRate, theirP99, theirCpu, rate / theirRate, p99 / theirP99, cpu / theirCpu);
        }
        out.println();
    }

    static double median(List<Measured> results, java.util.function.ToDoubleFunction<Measured> value) {
        double[] values = results.stream().mapToDouble(value).sorted().toArray();
        int n = values.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
