package io.mycel.node.runtime;

import io.mycel.node.runtime.identity.NodeIdentity;

import io.mycel.node.api.PowerView;
import io.mycel.node.api.Process;
import io.mycel.node.api.Program;
import io.mycel.node.api.ProgramConfig;
import io.mycel.node.api.Programs;
import io.mycel.node.api.SeededRandom;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;

/**
 * A node running for real: the program a {@link NodeConfig} names, on its own event loop, listening
 * on TCP, keeping its data in an fsynced file store, logging structured records and counting what
 * it does in Micrometer. {@code mycel node} runs one per process; tests may run several in one.
 */
public final class RealNode implements AutoCloseable {

    private final NodeConfig config;
    private final Program program;
    private final NodeLog log;
    private final NodeMetrics metrics;
    private final FileDurableStore store;
    private final EventLoopHost host;
    private final Endpoint endpoint;
    private final long incarnation;
    private InetSocketAddress bound;
    private InetSocketAddress mqttBound;
    private InetSocketAddress mqttTlsBound;
    /** The largest MQTT packet a client may send: far above a sensor's readings, far below a node's memory. */
    static final int MQTT_MAX_PACKET_BYTES = 1 << 20;

    private RealNode(NodeConfig config, Program program, ProgramConfig options, OutputStream logSink,
                     TransportLimits limits, Endpoint.FailureHandler onFailure) {
        this.config = config;
        this.program = program;
        // The log is stamped with true time, on one timeline with the harness; the process reads the
        // node's own clock, which follows the wall clock, skew included.
        this.log = new NodeLog(logSink, MonotonicClock.fromEpoch(), config.id().name());
        MonotonicClock clock = config.clockFile() == null ? MonotonicClock.followingWall()
                : MonotonicClock.steeredBy(config.clockFile());
        this.metrics = new NodeMetrics(config.id().name());
        this.store = FileDurableStore.open(config.data().resolve("store"));
        InetAddress listenHost = config.listen().getAddress();
        // Outbound connections leave from the listen address, so a partition can name a node by its address.
        InetAddress bind = listenHost.isAnyLocalAddress() ? null : listenHost;
        NodeIdentity identity = config.identity() == null ? null
                : NodeIdentity.open(config.id(), java.util.Set.copyOf(config.memberIds()), config.identity(), clock::nowMicros);
        this.host = new EventLoopHost(config.id().name(), clock, log, metrics, limits, config.peers(), bind, identity);
        Process process = program.newProcess(options);
        this.incarnation = nextIncarnation(config.data());
        // The random stream of this incarnation, forked as the simulator forks it for the same seed.
        SeededRandom random = new SeededRandom(config.seed()).fork("node/" + config.id().name()).fork("incarnation/" + incarnation);
        this.endpoint = host.add(config.id(), Hello.Role.PEER, config.memberIds(), program.codec(), process, store,
                random, PowerView.MAINS, (failed, error) -> {
                    log.record("handler-failed", "error", stackTrace(error));
                    onFailure.handlerFailed(failed, error);
                });
        host.groupCommit(store, error -> {
            log.record("fsync-failed", "error", stackTrace(error));
            onFailure.handlerFailed(endpoint, error);
        });
    }

    /**
     * Starts the node: opens its store (recovering what was synced), listens, serves metrics when
     * asked, and runs the process's {@code onStart}.
     *
     * @param onFailure what to do when node code throws (a real node exits, as a crash would)
     * @throws IllegalArgumentException when the program is unknown or its options are wrong
     */
    public static RealNode start(NodeConfig config, OutputStream logSink, Endpoint.FailureHandler onFailure) {
        return start(config, logSink, TransportLimits.DEFAULT, onFailure);
    }

    /** As {@link #start(NodeConfig, OutputStream, Endpoint.FailureHandler)}, within other transport limits. */
    public static RealNode start(NodeConfig config, OutputStream logSink, TransportLimits limits,
                                 Endpoint.FailureHandler onFailure) {
        Program program = Programs.get(config.program());
        if (program == null) {
            throw new IllegalArgumentException(config.source() + ": unknown program '" + config.program()
                    + "'; expected one of " + Programs.all().keySet());
        }
        ProgramConfig options;
        try {
            options = ProgramConfig.of(program.options(), config.options());
            String problem = program.problemWith(options);
            if (problem != null) {
                throw new IllegalArgumentException("expected " + problem);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config.source() + ": config of " + program.name() + ": " + e.getMessage(), e);
        }
        RealNode node = new RealNode(config, program, options, logSink, limits, onFailure);
        node.bound = node.host.listen(config.listen());
        if (config.mqtt() != null) {
            node.mqttBound = node.host.listenMqtt(config.mqtt(), node.endpoint, MQTT_MAX_PACKET_BYTES, null);
        }
        if (config.mqttTls() != null) {
            io.netty.handler.ssl.SslContext tls;
            try {
                tls = MqttListener.tlsContext(config.mqttTls());
            } catch (IllegalArgumentException e) {
                node.close();
                throw new IllegalArgumentException(config.source() + ": mqtt-tls: " + e.getMessage(), e);
            }
            node.mqttTlsBound = node.host.listenMqtt(config.mqttTls().listen(), node.endpoint, MQTT_MAX_PACKET_BYTES, tls);
        }
        if (config.metrics() != null) {
            try {
                node.metrics.serve(config.metrics(), node::role);
            } catch (IOException e) {
                node.close();
                throw new UncheckedIOException("cannot serve metrics on " + config.metrics(), e);
            }
        }
        node.log.record("start", "program", program.name(), "listen", node.bound.toString(), "clock", node.host.clock().nowMicros(),
                "pid", ProcessHandle.current().pid(), "incarnation", node.incarnation, "recovered-keys", node.store.keys().size(),
                "torn-bytes", node.store.tornBytesDropped());
        node.host.start();
        return node;
    }

    public InetSocketAddress address() {
        return bound;
    }

    /** Where MQTT clients connect, or null when the node does not listen for them. */
    public InetSocketAddress mqttAddress() {
        return mqttBound;
    }

    /** Where MQTT clients connect over TLS, or null when the node does not listen for them. */
    public InetSocketAddress mqttTlsAddress() {
        return mqttTlsBound;
    }

    public NodeMetrics metrics() {
        return metrics;
    }

    public NodeConfig config() {
        return config;
    }

    /** Reads the process's state on its own thread, e.g. its role for a display. */
    public <T> T inspect(Function<Process, T> reader) {
        return host.call(() -> reader.apply(endpoint.process()));
    }

    /** The role the program reports for this node now, or null (also when the program cannot say yet). */
    public String role() {
        try {
            return inspect(program::role);
        } catch (RuntimeException notYet) {
            return null;   // before onStart, say: a question from outside must never fail the node
        }
    }

    @Override
    public void close() {
        log.record("stop");
        host.close();
        store.close();
        metrics.close();
        log.close();
    }

    /**
     * Counts the node's starts in its data directory (1 on a fresh one), so each incarnation draws
     * from a random stream of its own, as in simulation. The count is synced before the node runs.
     */
    private static long nextIncarnation(Path data) {
        Path file = data.resolve("incarnation");
        try {
            Files.createDirectories(data);
            long previous = Files.exists(file) ? Long.parseLong(Files.readString(file).trim()) : 0;
            Path tmp = data.resolve("incarnation.tmp");
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                out.write(ByteBuffer.wrap(Long.toString(previous + 1).getBytes(StandardCharsets.US_ASCII)));
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return previous + 1;
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot count the node's incarnations in " + file + ": " + e.getMessage(), e);
        }
    }

    static String stackTrace(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
