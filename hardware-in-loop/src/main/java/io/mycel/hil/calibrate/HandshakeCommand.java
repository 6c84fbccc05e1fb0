package io.mycel.hil.calibrate;

import io.mycel.node.api.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mycel hil handshake}: measures a real secure link's handshake on this machine, full and
 * resumed, and prints the {@code secure-links:} block a scenario needs to simulate links with this
 * machine's cost. Run it on the board the scenario stands for.
 */
@Command(name = "handshake", mixinStandardHelpOptions = true,
        description = "Measures the TLS 1.3 handshake of a link between two nodes on this machine (bytes per flight, CPU"
                + " per side, full and resumed) and prints the scenario block that simulates it.")
public final class HandshakeCommand implements Callable<Integer> {

    @Option(names = "--rounds", defaultValue = "15", description = "measured handshakes of each kind; medians are"
            + " printed (default: 15)")
    int rounds;

    @Option(names = "--warmup", defaultValue = "20", description = "handshakes of each kind before measuring, for the JIT"
            + " (default: 20)")
    int warmup;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1 || warmup < 0) {
            System.err.println("mycel hil handshake: --rounds must be at least 1, --warmup at least 0");
            return 2;
        }
        Path dir = Files.createTempDirectory("mycel-handshake");
        try {
            HandshakeProbe probe = new HandshakeProbe(dir);
            HandshakeProbe.Result full = probe.measure(warmup, rounds, false);
            HandshakeProbe.Result resumed = probe.measure(warmup, rounds, true);
            System.out.printf("%-8s %8s %14s %14s %8s %14s %14s%n", "", "hello B", "answer B", "opener B", "ticket B",
                    "opener cpu", "answerer cpu");
            print("full", full);
            print("resumed", resumed);
            System.out.println();
            System.out.println("network:");
            System.out.println("  secure-links:");
            System.out.println("    full: " + yaml(full));
            System.out.println("    resumed: " + yaml(resumed));
            return 0;
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void print(String kind, HandshakeProbe.Result r) {
        System.out.printf("%-8s %8d %14d %14d %8d %14s %14s%n", kind, r.bytes(0), r.bytes(1), r.bytes(2), r.bytes(3),
                Durations.format(r.initiatorCpuMicros()), Durations.format(r.responderCpuMicros()));
    }

    static String yaml(HandshakeProbe.Result r) {
        return "{hello-bytes: " + r.bytes(0) + ", server-flight-bytes: " + r.bytes(1) + ", client-flight-bytes: " + r.bytes(2)
                + ", ticket-bytes: " + r.bytes(3) + ", initiator-cpu: " + Durations.format(r.initiatorCpuMicros())
                + ", responder-cpu: " + Durations.format(r.responderCpuMicros()) + "}";
    }
}
