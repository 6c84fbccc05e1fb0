package io.mycel.node.runtime;

import io.mycel.node.api.DurableStore;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.PowerView;
import io.mycel.node.api.Process;
import io.mycel.node.api.RandomSource;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One event-loop thread that runs processes and their network I/O together, so protocol code is
 * single-threaded exactly as in simulation. A real node hosts one endpoint; the harness hosts all
 * its workload clients on one.
 *
 * <p>Endpoints are added before {@link #start()}; after it, everything that touches them runs on the
 * loop ({@link #call} runs a task there and waits for it).
 */
public final class EventLoopHost implements AutoCloseable {

    private final NioEventLoopGroup group;
    private final EventLoop loop;
    private final MonotonicClock clock;
    private final NodeLog log;
    private final NodeMetrics metrics;
    private final Transport transport;
    private final Map<NodeId, Endpoint> endpoints = new HashMap<>();
    private MqttListener mqtt;

    /**
     * @param addresses where each remote node listens
     * @param bindAddress the local address outbound connections come from, or null for any
     */
    public EventLoopHost(String name, MonotonicClock clock, NodeLog log, NodeMetrics metrics, TransportLimits limits,
                         Map<NodeId, InetSocketAddress> addresses, InetAddress bindAddress) {
        this(name, clock, log, metrics, limits, addresses, bindAddress, null);
    }

    /** @param identity the node's key and token for TLS links, or null for plain TCP */
    public EventLoopHost(String name, MonotonicClock clock, NodeLog log, NodeMetrics metrics, TransportLimits limits,
                         Map<NodeId, InetSocketAddress> addresses, InetAddress bindAddress,
                         io.mycel.node.runtime.identity.NodeIdentity identity) {
        this.group = new NioEventLoopGroup(1, new DefaultThreadFactory("mycel-" + name));
        this.loop = group.next();
        this.clock = clock;
        this.log = log;
        this.metrics = metrics;
        this.transport = new Transport(loop, limits, metrics, log, new Transport.Receiver() {
            @Override
            public void onFrame(NodeId to, NodeId from, byte[] payload) {
                Endpoint endpoint = endpoints.get(to);
                if (endpoint != null) {
                    endpoint.deliver(from, payload);
                }
            }

            @Override
            public String refuse(Hello hello) {
                return refusal(hello);
            }
        }, addresses, bindAddress, identity);
    }

    /** Hosts a process under the name {@code self}; {@code role} is how it introduces itself to nodes. */
    public Endpoint add(NodeId self, Hello.Role role, List<NodeId> members, MessageCodec codec, Process process,
                        DurableStore storage, RandomSource random, PowerView power, Endpoint.FailureHandler onFailure) {
        Endpoint endpoint = new Endpoint(this, self, role, members, codec, process, storage, random, power, onFailure);
        if (endpoints.putIfAbsent(self, endpoint) != null) {
            throw new IllegalArgumentException("two endpoints named " + self + " on one host");
        }
        return endpoint;
    }

    /**
     * Group commit for {@code store}: syncs requested while the loop handles a batch of frames are made
     * with one fsync, before any frame of that batch is flushed. A failed fsync is fatal for the node.
     */
    public void groupCommit(FileDurableStore store, java.util.function.Consumer<RuntimeException> onFatal) {
        store.deferSyncs(transport::scheduleFlush);
        transport.beforeFlush(() -> {
            try {
                store.commit();
            } catch (RuntimeException e) {
                endpoints.values().forEach(Endpoint::stop);
                onFatal.accept(e);
                throw e;
            }
        });
    }

    /** Accepts connections on {@code address}; returns the address bound. */
    public InetSocketAddress listen(InetSocketAddress address) {
        try {
            return transport.listen(address);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding " + address, e);
        }
    }

    /**
     * Accepts MQTT clients on {@code address} for {@code broker}, whose process must be an MQTT
     * broker, over TLS with {@code tls} or plain when it is null; returns the address bound. A node
     * may listen on several addresses; all their clients are one broker's.
     */
    InetSocketAddress listenMqtt(InetSocketAddress address, Endpoint broker, int maxPacketBytes,
                                 io.netty.handler.ssl.SslContext tls) {
        if (mqtt == null) {
            mqtt = new MqttListener(this, broker, maxPacketBytes);
        }
        try {
            return mqtt.listen(address, tls);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding " + address, e);
        }
    }

    /** The clients that are not Mycel endpoints, or null. */
    Gateway gateway() {
        return mqtt;
    }

    /** Runs every endpoint's {@code onStart}, on the loop. */
    public void start() {
        List<Endpoint> all = List.copyOf(endpoints.values());
        loop.execute(() -> all.forEach(Endpoint::start));
    }

    /** Runs {@code task} on the loop and waits for its result: how other threads look at endpoints. */
    public <T> T call(Callable<T> task) {
        try {
            return loop.submit(task).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("task on the event loop failed", e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the event loop did not run a task within 30 s", e);
        }
    }

    /** Runs {@code task} on the loop without waiting. */
    public void execute(Runnable task) {
        loop.execute(task);
    }

    /** Runs {@code task} on the loop after {@code delayMicros}. */
    public void schedule(Runnable task, long delayMicros) {
        loop.schedule(task, Math.max(0, delayMicros), TimeUnit.MICROSECONDS);
    }

    public NodeMetrics metrics() {
        return metrics;
    }

    public MonotonicClock clock() {
        return clock;
    }

    NodeLog log() {
        return log;
    }

    EventLoop loop() {
        return loop;
    }

    Transport transport() {
        return transport;
    }

    /**
     * Who may connect: a peer must be a member of the node it names, and a client must not claim a
     * member's name (it would receive that member's messages).
     */
    private String refusal(Hello hello) {
        Endpoint endpoint = endpoints.get(hello.to());
        if (endpoint == null) {
            return "wrong-node";
        }
        boolean member = endpoint.members().contains(hello.from());
        if (hello.role() == Hello.Role.PEER && !member) {
            return "unknown-peer";
        }
        if (hello.role() == Hello.Role.CLIENT && member) {
            return "client-as-member";
        }
        return null;
    }

    @Override
    public void close() {
        try {
            call(() -> {
                endpoints.values().forEach(Endpoint::stop);
                if (mqtt != null) {
                    mqtt.close();
                }
                transport.close();
                return null;
            });
        } catch (IllegalStateException e) {
            // the loop is already gone: nothing left to stop
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
