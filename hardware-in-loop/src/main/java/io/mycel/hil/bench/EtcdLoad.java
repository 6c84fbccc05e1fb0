package io.mycel.hil.bench;

import io.mycel.node.api.SeededRandom;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The same closed-loop writers against etcd, through its v3 JSON gateway ({@code /v3/kv/put}) over
 * HTTP/1.1 with keep-alive: one thread per client, the same five keys and the same value range as
 * the raft-kv workload's puts, spread over the members in turn. (The gateway costs etcd some time
 * over its native gRPC; the note says so beside the figures.)
 */
final class EtcdLoad {

    private static final int KEYS = 5;
    private static final long VALUES = 1_000_000;

    private EtcdLoad() {
    }

    static LoadResult run(List<URI> members, int clients, double warmupSeconds, double seconds) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long measureUntil = measureFrom + (long) (seconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        List<LatencyLog> logs = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            LatencyLog log = new LatencyLog();
            logs.add(log);
            URI put = members.get(i % members.size()).resolve("/v3/kv/put");
            SeededRandom random = new SeededRandom(i + 1);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2)).build();
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < measureUntil) {
                    String key = "k" + (1 + random.nextInt(KEYS));
                    String value = Long.toString(random.nextLong(1, VALUES));
                    String body = "{\"key\":\"" + b64(key) + "\",\"value\":\"" + b64(value) + "\"}";
                    long sent = System.nanoTime();
                    boolean ok;
                    try {
                        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(put).timeout(Duration.ofSeconds(2))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                        ok = response.statusCode() == 200;
                    } catch (IOException e) {
                        ok = false;
                    } catch (InterruptedException e) {
                        return;
                    }
                    long done = System.nanoTime();
                    if (sent >= measureFrom && done <= measureUntil) {
                        if (ok) {
                            log.ok((done - sent) / 1000);
                        } else {
                            log.failed();
                        }
                    }
                }
            }, "etcd-writer-" + i);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        LatencyLog all = new LatencyLog();
        logs.forEach(all::addAll);
        return all.result("etcd 3.4 (JSON gateway)", clients, seconds);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
