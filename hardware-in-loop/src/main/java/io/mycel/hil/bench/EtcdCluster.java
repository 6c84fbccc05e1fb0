package io.mycel.hil.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A three-member etcd cluster on loopback (Debian's etcd-server), each member on an address of
 * its own, started for a benchmark and removed after it. Its data lives under the given folder, on
 * the same disk as the Mycel nodes', so both pay the same fsync.
 */
final class EtcdCluster implements AutoCloseable {

    private final List<java.lang.Process> members = new ArrayList<>();
    private final List<URI> clientUrls = new ArrayList<>();

    private EtcdCluster() {
    }

    /** Starts the cluster and waits until every member reports healthy. */
    static EtcdCluster start(String etcd, Path dir, int size) throws IOException, InterruptedException {
        EtcdCluster cluster = new EtcdCluster();
        StringBuilder initial = new StringBuilder();
        for (int i = 1; i <= size; i++) {
            initial.append(i > 1 ? "," : "").append("e").append(i).append("=http://").append(host(i)).append(":2380");
        }
        try {
            for (int i = 1; i <= size; i++) {
                Path data = dir.resolve("e" + i);
                Files.createDirectories(data);
                String client = "http://" + host(i) + ":2379";
                cluster.clientUrls.add(URI.create(client));
                cluster.members.add(new ProcessBuilder(etcd, "--name", "e" + i, "--data-dir", data.toString(),
                        "--listen-client-urls", client, "--advertise-client-urls", client,
                        "--listen-peer-urls", "http://" + host(i) + ":2380",
                        "--initial-advertise-peer-urls", "http://" + host(i) + ":2380",
                        "--initial-cluster", initial.toString(), "--initial-cluster-state", "new",
                        "--initial-cluster-token", "mycel-bench", "--log-level", "error")
                        .redirectErrorStream(true).redirectOutput(dir.resolve("e" + i + ".log").toFile()).start());
            }
            cluster.awaitHealthy(Duration.ofSeconds(30));
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    List<URI> clientUrls() {
        return clientUrls;
    }

    private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (URI url : clientUrls) {
            while (true) {
                try {
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(url.resolve("/health"))
                            .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
                    if (health.statusCode() == 200 && health.body().contains("\"true\"")) {
                        break;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("etcd member " + url + " not healthy within " + timeout);
                }
                Thread.sleep(100);
            }
        }
    }

    private static String host(int member) {
        return "127.0.0." + (30 + member);
    }

    @Override
    public void close() {
        for (java.lang.Process member : members) {
            member.destroy();
        }
        for (java.lang.Process member : members) {
            try {
                if (!member.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    member.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                member.destroyForcibly();
            }
        }
    }
}
