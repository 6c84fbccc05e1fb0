package io.mycel.node.runtime;

import io.mycel.node.runtime.identity.IdentityException;
import io.mycel.node.runtime.identity.NodeIdentity;
import io.mycel.node.runtime.identity.NodeTokenVerifier;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import javax.net.ssl.SSLException;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.NodeId;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Length-prefixed frames over TCP between the endpoints of one host and the rest of the cluster.
 *
 * <p>Each direction between two nodes has its own connection, opened by the sender when it first has
 * something to say ({@link OutboundLink}). A client's connection carries both ways: the node answers
 * on the connection the client opened, since a client has no address of its own. Every callback
 * runs on the host's single event loop, the same thread that runs the processes, so no state here is
 * shared between threads.
 *
 * <p>What a misbehaving peer sends is rejected and counted, never fatal: a first frame that is not a
 * hello, a hello for another node, an unknown peer, a frame longer than the limit, a frame cut short,
 * a connection that stays silent, more connections than the limit. Writes are batched: frames are
 * written as handlers produce them and flushed once the loop has run what is queued.
 */
final class Transport {

    /** What the host does with what arrives. Called on the event loop. */
    interface Receiver {
        /** A frame for local endpoint {@code to} from {@code from}. */
        void onFrame(NodeId to, NodeId from, byte[] payload);

        /** Null when a connection with this hello is welcome, else the reason it is refused. */
        String refuse(Hello hello);
    }

    private static final AttributeKey<Hello> HELLO = AttributeKey.valueOf("mycel.hello");
    /** The node a TLS handshake proved, on a node with an identity. */
    private static final AttributeKey<NodeTokenVerifier.Verified> PROVEN = AttributeKey.valueOf("mycel.proven");

    private final EventLoop loop;
    private final TransportLimits limits;
    private final NodeMetrics metrics;
    private final NodeLog log;
    private final Receiver receiver;
    private final Map<NodeId, InetSocketAddress> addresses;
    /** The local address outbound connections start from (so a partition can match it), or null for any. */
    private final InetAddress bindAddress;
    private final Map<NodeId, Map<NodeId, OutboundLink>> links = new HashMap<>();
    /** Clients connected to this host, by name: replies to them go back on their own connection. */
    private final Map<NodeId, Channel> clients = new HashMap<>();
    private final Set<Channel> unflushed = new LinkedHashSet<>();
    private final Set<Channel> inbound = new LinkedHashSet<>();
    private boolean flushScheduled;
    private Channel server;
    /** Runs before frames are flushed: the group commit that must precede any output. */
    private Runnable beforeFlush = () -> { };
    /** The node's key and token for TLS links, or null for plain TCP. */
    private final NodeIdentity identity;

    Transport(EventLoop loop, TransportLimits limits, NodeMetrics metrics, NodeLog log, Receiver receiver,
              Map<NodeId, InetSocketAddress> addresses, InetAddress bindAddress, NodeIdentity identity) {
        this.identity = identity;
        this.loop = loop;
        this.limits = limits;
        this.metrics = metrics;
        this.log = log;
        this.receiver = receiver;
        this.addresses = Map.copyOf(addresses);
        this.bindAddress = bindAddress;
    }

    /** Starts accepting connections; returns the address bound (useful when the port was 0). */
    InetSocketAddress listen(InetSocketAddress address) throws InterruptedException {
        server = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(limits.writeHighWaterBytes() / 2, limits.writeHighWaterBytes()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (identity != null) {
                            ch.pipeline().addLast(identity.serverHandler(ch.alloc()), new InboundHandshake());
                        }
                        ch.pipeline().addLast(new FrameDecoder(limits.maxFrameBytes(), metrics),
                                new LengthFieldPrepender(4), new InboundHandler());
                    }
                })
                .bind(address).sync().channel();
        return (InetSocketAddress) server.localAddress();
    }

    /** Sends one frame from local endpoint {@code from} to {@code to}; counts it when it cannot go. */
    void send(NodeId from, Hello.Role role, NodeId to, byte[] payload) {
        if (payload.length > limits.maxFrameBytes()) {
            metrics.dropped("too-long");
            return;
        }
        Channel client = clients.get(to);
        if (client != null) {
            write(client, payload);
            return;
        }
        InetSocketAddress address = addresses.get(to);
        if (address == null) {
            metrics.dropped("no-route");
            return;
        }
        links.computeIfAbsent(from, f -> new HashMap<>())
                .computeIfAbsent(to, t -> new OutboundLink(this, new Hello(role, from, to), address))
                .send(payload);
    }

    /** Writes a frame now when the connection can take it, else drops it: queues stay bounded. */
    boolean write(Channel channel, byte[] payload) {
        if (!channel.isActive()) {
            metrics.dropped("disconnected");
            return false;
        }
        if (!channel.isWritable()) {
            metrics.dropped("backpressure");
            return false;
        }
        channel.write(Unpooled.wrappedBuffer(payload), channel.voidPromise());
        metrics.frameOut(payload.length);
        unflushed.add(channel);
        scheduleFlush();
        return true;
    }

    /**
     * Makes {@code commit} run before every flush of frames, once per pass of the event loop: a node's
     * messages leave only after the syncs they depend on.
     */
    void beforeFlush(Runnable commit) {
        this.beforeFlush = commit;
    }

    /** Makes sure a flush pass (and so the commit before it) runs soon, even with nothing to send. */
    void scheduleFlush() {
        if (!flushScheduled) {
            flushScheduled = true;
            loop.execute(this::flushAll);
        }
    }

    /** An empty frame: a keepalive, or its answer. Not a message, so not counted as one. */
    void writeKeepalive(Channel channel) {
        if (channel.isActive() && channel.isWritable()) {
            channel.write(Unpooled.EMPTY_BUFFER, channel.voidPromise());
            unflushed.add(channel);
            scheduleFlush();
        }
    }

    private void flushAll() {
        flushScheduled = false;
        beforeFlush.run();
        for (Channel channel : unflushed) {
            channel.flush();
        }
        unflushed.clear();
    }

    Bootstrap connector() {
        Bootstrap bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(limits.writeHighWaterBytes() / 2, limits.writeHighWaterBytes()));
        return bootstrap;
    }

    SocketAddress bindAddress() {
        return bindAddress == null ? null : new InetSocketAddress(bindAddress, 0);
    }

    EventLoop loop() {
        return loop;
    }

    TransportLimits limits() {
        return limits;
    }

    NodeMetrics metrics() {
        return metrics;
    }

    NodeLog log() {
        return log;
    }

    /** A frame arrived on a connection this host opened (a client's answer, as a rule). */
    void onLinkFrame(Hello link, byte[] payload) {
        metrics.frameIn(payload.length);
        receiver.onFrame(link.from(), link.to(), payload);
    }

    void close() {
        for (Map<NodeId, OutboundLink> byPeer : links.values()) {
            byPeer.values().forEach(OutboundLink::close);
        }
        inbound.forEach(Channel::close);
        if (server != null) {
            server.close();   // on the loop itself: waiting here would block the thread that closes it
        }
    }

    NodeIdentity identity() {
        return identity;
    }

    /**
     * Watches an accepted link's TLS handshake: a peer that cannot prove its identity is refused,
     * counted ({@code bad-identity}) and logged with the reason; a proven one is remembered for its
     * hello, and its link is closed when its token runs out (it reconnects with a renewed one).
     */
    private final class InboundHandshake extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof SslHandshakeCompletionEvent done) {
                if (!done.isSuccess()) {
                    metrics.rejected("bad-identity");
                    log.record("refused", "reason", "bad-identity", "why", rootMessage(done.cause()),
                            "remote", String.valueOf(ctx.channel().remoteAddress()));
                    ctx.close();
                    return;
                }
                try {
                    NodeTokenVerifier.Verified proven = identity.proven(ctx.pipeline().get(SslHandler.class).engine().getSession(), null);
                    ctx.channel().attr(PROVEN).set(proven);
                    long left = proven.expiresMicros() - identity.nowMicros();
                    ctx.executor().schedule(() -> {
                        ctx.close();
                    }, Math.max(0, left), TimeUnit.MICROSECONDS);
                } catch (IdentityException e) {
                    metrics.rejected("bad-identity");
                    log.record("refused", "reason", "bad-identity", "why", e.getMessage(),
                            "remote", String.valueOf(ctx.channel().remoteAddress()));
                    ctx.close();
                    return;
                }
            }
            super.userEventTriggered(ctx, event);
        }
    }

    /** The innermost cause's message: what a failed handshake reports is wrapped a few times. */
    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /** The pipeline end of an accepted connection: a hello first, then the connector's messages. */
    private final class InboundHandler extends SimpleChannelInboundHandler<ByteBuf> {

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (inbound.size() >= limits.maxInboundConnections()) {
                metrics.rejected("too-many-connections");
                ctx.close();
                return;
            }
            inbound.add(ctx.channel());
            ctx.executor().schedule(() -> {
                if (ctx.channel().isActive() && ctx.channel().attr(HELLO).get() == null) {
                    metrics.rejected("no-hello");
                    ctx.close();
                }
            }, limits.helloTimeoutMicros(), TimeUnit.MICROSECONDS);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            byte[] payload = ByteBufUtil.getBytes(frame);
            Hello hello = ctx.channel().attr(HELLO).get();
            if (hello == null) {
                accept(ctx, payload);
                return;
            }
            if (payload.length == 0) {
                writeKeepalive(ctx.channel());   // answered in kind: the connector knows the path is alive
                return;
            }
            metrics.frameIn(payload.length);
            receiver.onFrame(hello.to(), hello.from(), payload);
        }

        private void accept(ChannelHandlerContext ctx, byte[] payload) {
            Hello hello;
            try {
                hello = Hello.decode(payload);
            } catch (MalformedMessageException e) {
                metrics.rejected("bad-hello");
                ctx.close();
                return;
            }
            String refusal = receiver.refuse(hello);
            NodeTokenVerifier.Verified proven = ctx.channel().attr(PROVEN).get();
            if (refusal == null && identity != null && (proven == null || !proven.node().equals(hello.from()))) {
                refusal = "identity-mismatch";   // the hello must name the node the handshake proved
            }
            if (refusal != null) {
                metrics.rejected(refusal);
                log.record("refused", "from", hello.from().name(), "role", hello.role().name().toLowerCase(),
                        "reason", refusal, "remote", String.valueOf(ctx.channel().remoteAddress()));
                ctx.close();
                return;
            }
            ctx.channel().attr(HELLO).set(hello);
            if (hello.role() == Hello.Role.CLIENT) {
                Channel old = clients.put(hello.from(), ctx.channel());
                if (old != null && old != ctx.channel()) {
                    old.close();
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            inbound.remove(ctx.channel());
            Hello hello = ctx.channel().attr(HELLO).get();
            if (hello != null && hello.role() == Hello.Role.CLIENT) {
                clients.remove(hello.from(), ctx.channel());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            Throwable root = cause.getCause() instanceof TooLongFrameException ? cause.getCause() : cause;
            if (cause.getCause() instanceof SSLException) {
                // A failed handshake is counted once, as bad-identity, by InboundHandshake.
            } else if (root instanceof TooLongFrameException) {
                metrics.rejected("too-long");
            } else if (!(root instanceof IOException)) {
                metrics.rejected("error");
                log.record("connection-error", "error", String.valueOf(root));
            }
            ctx.close();
        }
    }
}
