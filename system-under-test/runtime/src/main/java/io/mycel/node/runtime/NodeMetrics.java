package io.mycel.node.runtime;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The node's counters in Micrometer, served in Prometheus's text format at {@code /metrics}.
 * Counters are looked up once per name and tag and then only incremented, so the event loop pays a
 * map lookup at most.
 */
public final class NodeMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentMap<String, Counter> rejected = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> dropped = new ConcurrentHashMap<>();
    private final Counter framesIn;
    private final Counter framesOut;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final Counter handlerRuns;
    private HttpServer http;

    static {
        // The JDK's HTTP server writes headers and body apart: without TCP_NODELAY each answer waits
        // for the client's delayed acknowledgement (40 ms), which a harness asking five nodes feels.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final Counter mqttPacketsIn;
    private final java.util.concurrent.atomic.AtomicInteger mqttConnections = new java.util.concurrent.atomic.AtomicInteger();

    public NodeMetrics(String node) {
        registry.config().commonTags("node", node);
        framesIn = Counter.builder("mycel.frames.received").description("frames read from connections").register(registry);
        framesOut = Counter.builder("mycel.frames.sent").description("frames written to connections").register(registry);
        bytesIn = Counter.builder("mycel.bytes.received").baseUnit("bytes").register(registry);
        bytesOut = Counter.builder("mycel.bytes.sent").baseUnit("bytes").register(registry);
        handlerRuns = Counter.builder("mycel.handler.runs").description("messages, timers and starts handled").register(registry);
        mqttPacketsIn = Counter.builder("mycel.mqtt.packets.received").description("MQTT packets decoded from clients").register(registry);
        io.micrometer.core.instrument.Gauge.builder("mycel.mqtt.connections", mqttConnections, java.util.concurrent.atomic.AtomicInteger::get)
                .description("open MQTT client connections").register(registry);
    }

    /** The number of open MQTT connections, now. */
    void mqttConnections(int open) {
        mqttConnections.set(open);
    }

    void mqttPacketIn() {
        mqttPacketsIn.increment();
    }

    public long mqttPacketsReceived() {
        return (long) mqttPacketsIn.count();
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A frame or connection turned away; {@code reason} says why (malformed, too-long, truncated, ...). */
    public void rejected(String reason) {
        rejected.computeIfAbsent(reason, r -> Counter.builder("mycel.frames.rejected")
                .description("frames and connections rejected, by reason").tag("reason", r).register(registry)).increment();
    }

    /** A message the node meant to send and could not; {@code reason} says why. */
    public void dropped(String reason) {
        dropped.computeIfAbsent(reason, r -> Counter.builder("mycel.messages.dropped")
                .description("outgoing messages dropped, by reason").tag("reason", r).register(registry)).increment();
    }

    public long rejectedCount(String reason) {
        Counter counter = rejected.get(reason);
        return counter == null ? 0 : (long) counter.count();
    }

    public long droppedCount(String reason) {
        Counter counter = dropped.get(reason);
        return counter == null ? 0 : (long) counter.count();
    }

    void frameIn(int bytes) {
        framesIn.increment();
        bytesIn.increment(bytes);
    }

    void frameOut(int bytes) {
        framesOut.increment();
        bytesOut.increment(bytes);
    }

    void handlerRun() {
        handlerRuns.increment();
    }

    public long framesReceived() {
        return (long) framesIn.count();
    }

    /** Everything, in Prometheus's text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * Serves {@code /metrics} on {@code address} from a thread of its own (not the node's event loop),
     * and {@code /role}: the role the node's program reports (leader, follower...), or {@code none},
     * which a harness reads to aim a fault at the leader.
     */
    public void serve(InetSocketAddress address, java.util.function.Supplier<String> role) throws IOException {
        http = HttpServer.create(address, 16);
        http.createContext("/role", exchange -> {
            String current = role.get();
            byte[] body = ((current == null ? "none" : current) + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.createContext("/metrics", exchange -> {
            byte[] body = scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
    }

    /** The address {@code /metrics} is served on, or null when it is not served. */
    public InetSocketAddress address() {
        return http == null ? null : http.getAddress();
    }

    @Override
    public void close() {
        if (http != null) {
            http.stop(0);
        }
        registry.close();
    }
}
