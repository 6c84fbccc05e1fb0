package io.mycel.hil.bench;

import io.mycel.hil.ClusterPlan;
import io.mycel.hil.LinkShaper;
import io.mycel.hil.LocalBackend;
import io.mycel.scenario.Scenario;
import io.mycel.sim.LatencyDistribution;
import io.mycel.sim.LinkModel;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Program;
import io.mycel.node.api.Programs;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes per second and latency of a three-node raft-kv on real local processes under 1, 16 and 64
 * closed-loop clients, and, when etcd is installed, of a three-member etcd cluster on loopback under
 * the same load, side by side with the ratio. Each load runs on a fresh cluster.
 */
public final class KvBench {

    private KvBench() {
    }

    /**
     * @param etcd the etcd binary, or null to measure Mycel alone
     * @param throughProxies also measure Mycel with its links through fault proxies that shape nothing
     */
    public static List<LoadResult> run(Path dir, List<Integer> clientCounts, double warmupSeconds, double seconds, String etcd,
                                       boolean throughProxies, PrintStream out) throws IOException, InterruptedException {
        Program program = Programs.get("raft-kv");
        List<LoadResult> results = new ArrayList<>();
        out.printf("%-26s %7s %12s %9s %9s %8s%n", "system", "clients", "writes/s", "p50 ms", "p99 ms", "failed");
        for (int clients : clientCounts) {
            LoadResult mycel = mycel(program, dir.resolve("mycel-" + clients), clients, warmupSeconds, seconds, false);
            results.add(mycel);
            print(out, mycel, null);
            if (throughProxies) {
                LoadResult proxied = mycel(program, dir.resolve("mycel-proxied-" + clients), clients, warmupSeconds, seconds, true);
                results.add(proxied);
                print(out, proxied, null);
                out.printf("%-26s %7s %11.2fx %8.2fx %8.2fx   (through proxies / bare)%n", "", "", proxied.perSecond() / mycel.perSecond(),
                        proxied.percentileMillis(0.5) / mycel.percentileMillis(0.5),
                        proxied.percentileMillis(0.99) / mycel.percentileMillis(0.99));
            }
            if (etcd != null) {
                Path etcdDir = dir.resolve("etcd-" + clients);
                Files.createDirectories(etcdDir);
                try (EtcdCluster cluster = EtcdCluster.start(etcd, etcdDir, 3)) {
                    LoadResult theirs = EtcdLoad.run(cluster.clientUrls(), clients, warmupSeconds, seconds);
                    results.add(theirs);
                    print(out, theirs, mycel);
                }
            }
        }
        return results;
    }

    /** One load on a fresh three-node cluster; with {@code proxied}, every link through a fault proxy with no toxic. */
    private static LoadResult mycel(Program program, Path here, int clients, double warmupSeconds, double seconds, boolean proxied)
            throws IOException, InterruptedException {
        List<NodeId> nodes = List.of(NodeId.of("n1"), NodeId.of("n2"), NodeId.of("n3"));
        wipe(here);   // a cluster recovers what its data directories hold: each load starts from nothing
        LinkShaper links = proxied ? new LinkShaper(nodes, new Scenario.Network(
                LinkModel.reliable(new LatencyDistribution.Constant(0)), List.of())) : null;
        try (LocalBackend backend = new LocalBackend()) {
            Map<NodeId, InetSocketAddress> addresses = backend.prepare(new ClusterPlan(here, program.name(),
                    Map.of(), nodes, 1, false, links));
            for (NodeId node : nodes) {
                backend.start(node);
            }
            for (NodeId node : nodes) {
                backend.awaitReady(node, Duration.ofSeconds(60));
            }
            LoadResult result = MycelKvLoad.run(program, addresses, clients, warmupSeconds, seconds);
            return proxied ? result.named(result.system() + " (proxied)") : result;
        }
    }

    private static void wipe(Path root) throws IOException {
        if (Files.exists(root)) {
            try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void print(PrintStream out, LoadResult result, LoadResult mycel) {
        String ratio = mycel == null ? "" : String.format("   mycel/etcd: %.2fx writes/s, %.2fx p99",
                mycel.perSecond() / result.perSecond(), mycel.percentileMillis(0.99) / result.percentileMillis(0.99));
        out.printf("%-26s %7d %,12.0f %9.2f %9.2f %8d%s%n", result.system(), result.clients(), result.perSecond(),
                result.percentileMillis(0.5), result.percentileMillis(0.99), result.failed(), ratio);
    }
}
