package io.mycel.hil;

import io.mycel.hil.bench.KvBench;
import io.mycel.hil.power.Benches;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.cli.CommandExtension;
import io.mycel.scenario.cli.VerdictTable;
import io.mycel.scenario.load.ScenarioException;
import io.mycel.scenario.load.ScenarioLoader;
import io.mycel.scenario.run.RunResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mycel hil run FILE --backend local}: the scenario on real nodes. */
@Command(name = "hil", mixinStandardHelpOptions = true, description = "Runs scenarios on real nodes (hardware in the loop).",
        subcommands = {HilCommand.Run.class, HilCommand.BenchKv.class, HilCommand.BenchMqtt.class,
                io.mycel.hil.calibrate.HandshakeCommand.class})
public final class HilCommand implements CommandExtension {

    @Override
    public String name() {
        return "hil";
    }

    @Override
    public Object command() {
        return new HilCommand();
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Runs one seed of a scenario on real node processes, with real faults; prints the verdict table.")
    static final class Run implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE", description = "the scenario file")
        Path file;

        @Option(names = "--backend", defaultValue = "local", description = "where the nodes run: local (processes on 127.0.0.x), docker (a container each) or ssh (hosts over SSH)")
        String backend;

        @Option(names = "--hosts", paramLabel = "FILE", description = "with --backend ssh: the hosts file (user, key, dir, and a host per node)")
        Path hostsFile;

        @Option(names = "--bench", defaultValue = "none", description = "a power bench: none, emulated (Pi4J's mock platform,"
                + " a relay and an INA219 per node, wired to the backend) or real (the relays and sensors of this Pi)")
        String bench;

        @Option(names = "--seed", description = "the seed (default: the file's first)")
        Long seed;

        @Option(names = "--out", defaultValue = "runs", description = "the folder runs are written under (default: runs)")
        Path out;

        @Option(names = "--runs", defaultValue = "1", description = "runs to make, on consecutive seeds from the first;"
                + " a scenario with a planted bug stops at the first run that catches it (default: 1)")
        int runs;

        @Override
        public Integer call() throws Exception {
            Scenario scenario;
            try {
                scenario = ScenarioLoader.load(file);
            } catch (ScenarioException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            if (!List.of("local", "docker", "ssh").contains(backend)) {
                System.err.println("--backend: expected local, docker or ssh, got '" + backend + "'");
                return 2;
            }
            if (!List.of("none", "emulated", "real").contains(bench)) {
                System.err.println("--bench: expected none, emulated or real, got '" + bench + "'");
                return 2;
            }
            HilRunner.BenchFactory benches = switch (bench) {
                case "emulated" -> Benches.emulated("pi-4b");
                case "real" -> Benches.real();
                default -> null;
            };
            if ("ssh".equals(backend) && hostsFile == null) {
                System.err.println("--backend ssh: expected --hosts FILE naming a host for each node");
                return 2;
            }
            if (runs < 1) {
                System.err.println("--runs: expected at least 1, got " + runs);
                return 2;
            }
            long first = seed != null ? seed : scenario.firstSeed();
            boolean hunting = !scenario.expectedFailures().isEmpty();
            int met = 0;
            for (int k = 1; k <= runs; k++) {
                ClusterBackend cluster = switch (backend) {
                    case "docker" -> new DockerBackend(NodeImage.ensure());
                    case "ssh" -> SshBackend.fromCheckout(hostsFile);
                    default -> new LocalBackend();
                };
                HilRunner.Outcome outcome = HilRunner.run(scenario, first + k - 1, cluster, out, benches);
                print(System.out, outcome, backend);
                if (outcome.result().meetsExpectation()) {
                    met++;
                    if (hunting) {
                        System.out.printf("planted bug caught on real nodes in run %d of at most %d%n", k, runs);
                        return 0;
                    }
                }
            }
            if (hunting) {
                System.out.printf("planted bug not caught on real nodes in %d runs%n", runs);
                return 1;
            }
            if (runs > 1) {
                System.out.printf("%d of %d runs passed%n", met, runs);
            }
            return met == runs ? 0 : 1;
        }
    }

    @Command(name = "bench-kv", mixinStandardHelpOptions = true,
            description = "Writes per second and p50/p99 latency of 3 real raft-kv nodes under closed-loop clients,"
                    + " beside a 3-member etcd cluster under the same load when etcd is installed.")
    static final class BenchKv implements Callable<Integer> {

        @Option(names = "--clients", split = ",", defaultValue = "1,16,64", description = "client counts (default: 1,16,64)")
        List<Integer> clients;

        @Option(names = "--seconds", defaultValue = "10", description = "measured seconds per load (default: 10)")
        double seconds;

        // 12 s: the nodes' JIT compilers are still at work after 3 s, and a p99 measured then is the
        // compiler's (9 ms at one client, against 3 ms once warm), not the node's.
        @Option(names = "--warmup", defaultValue = "12", description = "seconds before measuring (default: 12)")
        double warmup;

        @Option(names = "--etcd", description = "the etcd binary to compare with (default: etcd on the PATH, if any)")
        String etcd;

        @Option(names = "--no-etcd", description = "measure Mycel alone")
        boolean noEtcd;

        @Option(names = "--out", defaultValue = "runs/bench-kv", description = "where the clusters keep their data")
        Path out;

        @Option(names = "--through-proxies", description = "also measure Mycel with every link through a fault proxy without"
                + " toxics, as shaped runs have them, and print the cost against bare links")
        boolean throughProxies;

        @Override
        public Integer call() throws Exception {
            String binary = noEtcd ? null : etcd != null ? etcd : onPath("etcd");
            if (binary == null && !noEtcd) {
                System.out.println("(etcd not found on the PATH: measuring Mycel alone; scripts/bench-kv-vs-etcd.sh installs it)");
            }
            KvBench.run(out, clients, warmup, seconds, binary, throughProxies, System.out);
            return 0;
        }

        static String onPath(String name) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (java.nio.file.Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
            return null;
        }
    }

    @Command(name = "bench-mqtt", mixinStandardHelpOptions = true,
            description = "Messages per second and p50/p99 latency of one real node running the mqtt program under Paho"
                    + " publishers and subscribers at QoS 0 and 1, beside Mosquitto under the same load when it is installed.")
    static final class BenchMqtt implements Callable<Integer> {

        @Option(names = "--pairs", defaultValue = "100", description = "publishers, and as many subscribers (default: 100)")
        int pairs;

        @Option(names = "--qos", split = ",", defaultValue = "0,1", description = "QoS levels (default: 0,1)")
        List<Integer> qos;

        @Option(names = "--seconds", defaultValue = "10", description = "measured seconds per load (default: 10)")
        double seconds;

        @Option(names = "--warmup", defaultValue = "10", description = "seconds before measuring (default: 10)")
        double warmup;

        @Option(names = "--rounds", defaultValue = "3", description = "loads per system and QoS level, alternating the"
                + " systems; the summary gives medians (default: 3)")
        int rounds;

        @Option(names = "--mosquitto", description = "the mosquitto binary (default: mosquitto on the PATH or in /usr/sbin)")
        String mosquitto;

        @Option(names = "--no-mosquitto", description = "measure Mycel alone")
        boolean noMosquitto;

        @Option(names = "--out", defaultValue = "runs/bench-mqtt", description = "where the brokers keep their logs")
        Path out;

        @Override
        public Integer call() throws Exception {
            String binary = mosquitto != null ? mosquitto : BenchKv.onPath("mosquitto");
            if (binary == null && java.nio.file.Files.isExecutable(Path.of("/usr/sbin/mosquitto"))) {
                binary = "/usr/sbin/mosquitto";
            }
            if (rounds < 1 || pairs < 1 || seconds <= 0) {
                System.err.println("mycel hil bench-mqtt: --rounds and --pairs must be at least 1, --seconds positive");
                return 2;
            }
            if (noMosquitto) {
                binary = null;
            } else if (binary == null) {
                System.out.println("(mosquitto not found: measuring Mycel alone; scripts/bench-mqtt-vs-mosquitto.sh installs it)");
            }
            io.mycel.hil.bench.MqttBench.run(out, pairs, qos, rounds, warmup, seconds, binary, System.out);
            return 0;
        }
    }

    static void print(PrintStream out, HilRunner.Outcome outcome, String backend) {
        RunResult result = outcome.result();
        String expectation = result.scenario().expectedFailures().isEmpty() ? ""
                : result.meetsExpectation() ? ", as the planted bug expects" : ", not what the planted bug expects";
        out.printf("%s seed %d on real nodes (%s): %s%s  (%,d operations, %.1fs wall)%n", result.scenario().name(), result.seed(),
                backend, result.verdict().label().toUpperCase(Locale.ROOT), expectation, result.operationCount(), outcome.wallSeconds());
        if (result.error() != null) {
            out.println("  error: " + result.error());
        }
        VerdictTable.printChecks(out, result.checks());
        for (String notice : outcome.notices()) {
            out.println("  note: " + notice);
        }
        out.println("  output: " + result.outputDir());
        out.println("  again: ./mycel hil run " + result.scenario().source() + " --backend " + backend + " --seed " + result.seed()
                + "   (real runs are not replayed exactly; ./mycel run ... --seed " + result.seed() + " replays it simulated)");
    }
}
