package io.mycel.node.runtime;

import io.mycel.node.api.ClientReply;
import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.PowerView;
import io.mycel.node.api.Process;
import io.mycel.node.api.Program;
import io.mycel.node.api.Programs;
import io.mycel.node.api.SeededRandom;
import io.mycel.node.api.TimerId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Real nodes in this JVM on loopback, and a client that talks to them over TCP, for tests. */
final class LocalCluster implements AutoCloseable {

    final Program program;
    final Map<NodeId, InetSocketAddress> addresses = new LinkedHashMap<>();
    final Map<NodeId, RealNode> nodes = new LinkedHashMap<>();
    final Map<NodeId, ByteArrayOutputStream> logs = new LinkedHashMap<>();
    final List<Throwable> failures = new ArrayList<>();
    private final Path dataRoot;
    private final Map<String, String> options;
    private EventLoopHost clientHost;
    private NodeContext clientContext;
    private final LinkedBlockingQueue<Message> answers = new LinkedBlockingQueue<>();

    LocalCluster(String program, int size, Path dataRoot, Map<String, String> options) {
        this.program = Programs.get(program);
        this.dataRoot = dataRoot;
        this.options = options;
        for (int i = 1; i <= size; i++) {
            addresses.put(NodeId.of("n" + i), new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort()));
        }
    }

    NodeConfig config(NodeId id) {
        return new NodeConfig(Path.of("test-" + id + ".yaml"), id, addresses.get(id), program.name(), options, addresses,
                dataRoot.resolve(id.name()), 1, null, null,
                "mqtt".equals(program.name()) ? new InetSocketAddress(InetAddress.getLoopbackAddress(), 0) : null);
    }

    RealNode start(NodeId id) {
        return start(id, TransportLimits.DEFAULT);
    }

    RealNode start(NodeId id, TransportLimits limits) {
        ByteArrayOutputStream log = logs.computeIfAbsent(id, k -> new ByteArrayOutputStream());
        RealNode node = RealNode.start(config(id), log, limits, (endpoint, error) -> failures.add(error));
        nodes.put(id, node);
        return node;
    }

    void startAll() {
        addresses.keySet().forEach(this::start);
    }

    void stop(NodeId id) {
        nodes.remove(id).close();
    }

    /** Sends a client request to {@code node} from the test's client, {@code @test}. */
    void request(NodeId node, Message request) {
        if (clientHost == null) {
            clientHost = new EventLoopHost("client", MonotonicClock.fromZero(), new NodeLog(new ByteArrayOutputStream(),
                    MonotonicClock.fromZero(), "@test"), new NodeMetrics("@test"), TransportLimits.DEFAULT, addresses, null);
            clientHost.add(NodeId.of("@test"), Hello.Role.CLIENT, List.copyOf(addresses.keySet()), program.codec(),
                    new Process() {
                        @Override
                        public void onStart(NodeContext ctx) {
                            clientContext = ctx;
                        }

                        @Override
                        public void onMessage(NodeContext ctx, NodeId from, Message message) {
                            answers.add(message);
                        }

                        @Override
                        public void onTimer(NodeContext ctx, TimerId timer) {
                        }
                    }, new VolatileStore(), new SeededRandom(7), PowerView.MAINS, (endpoint, error) -> failures.add(error));
            clientHost.start();
        }
        clientHost.call(() -> {
            clientContext.send(node, request);
            return null;
        });
    }

    /** The next answer the client got within {@code millis}, or null. */
    ClientReply answer(long millis) throws InterruptedException {
        Message message = answers.poll(millis, TimeUnit.MILLISECONDS);
        return message == null ? null : program.client().reply(message);
    }

    @Override
    public void close() {
        if (clientHost != null) {
            clientHost.close();
        }
        new ArrayList<>(nodes.keySet()).forEach(this::stop);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
