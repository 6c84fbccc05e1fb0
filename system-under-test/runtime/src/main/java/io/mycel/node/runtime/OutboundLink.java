package io.mycel.node.runtime;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The connection one local endpoint keeps to one remote node, opened on the first send. While it is
 * not connected, frames wait in a bounded queue (the oldest go first when it is full, since the
 * newest say most about the sender's state now), and a failed attempt is retried after an
 * exponential backoff with jitter, so a cluster coming back from a crash does not reconnect in
 * lockstep. Frames arriving on it (a node's answers to a client) go to the host.
 *
 * <p>While connected it sends an empty frame every keepalive period, which the other side answers;
 * a connection that hears nothing for the silence limit is closed and opened again. A partition that
 * drops packets leaves TCP retransmitting with exponential backoff, so without this a healed link
 * could stay mute for seconds after the network came back.
 */
final class OutboundLink {

    private final Transport transport;
    private final Hello hello;
    private final InetSocketAddress address;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private Channel channel;
    /** The hello went on {@link #channel}: frames may follow (with TLS, only once the handshake proved the peer). */
    private boolean ready;
    private boolean connecting;
    private ScheduledFuture<?> retry;
    private int failures;
    private boolean closed;
    private long lastHeardNanos;
    private ScheduledFuture<?> keepalive;

    OutboundLink(Transport transport, Hello hello, InetSocketAddress address) {
        this.transport = transport;
        this.hello = hello;
        this.address = address;
    }

    void send(byte[] payload) {
        if (ready && channel != null && channel.isActive()) {
            transport.write(channel, payload);
            return;
        }
        if (queue.size() >= transport.limits().maxQueuedFrames()) {
            queue.removeFirst();
            transport.metrics().dropped("queue-full");
        }
        queue.addLast(payload);
        boolean handshaking = channel != null && channel.isActive();   // its frames go when the peer is proven
        if (!connecting && retry == null && !handshaking) {
            connect();
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        connecting = true;
        ChannelFuture attempt = transport.connector().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                if (transport.identity() != null) {
                    ch.pipeline().addLast(transport.identity().clientHandler(ch.alloc(), hello.to()), new OutboundHandshake());
                }
                ch.pipeline().addLast(new FrameDecoder(transport.limits().maxFrameBytes(), transport.metrics()),
                        new LengthFieldPrepender(4), new AnswerHandler());
            }
        }).connect(address, transport.bindAddress());
        attempt.addListener((ChannelFuture done) -> {
            connecting = false;
            if (!done.isSuccess()) {
                failures++;
                scheduleRetry();
                return;
            }
            failures = 0;
            channel = done.channel();
            ready = false;
            lastHeardNanos = System.nanoTime();
            if (transport.identity() == null) {
                sendQueued(channel);
            }   // with TLS, once the handshake has proven the peer (OutboundHandshake): a refused link keeps its frames
        });
    }

    /** The hello, then every frame that waited, on a link ready to carry them. */
    private void sendQueued(Channel link) {
        ready = true;
        lastHeardNanos = System.nanoTime();
        startKeepalive(link);
        transport.write(link, hello.encode());
        while (!queue.isEmpty() && link.isActive()) {
            transport.write(link, queue.removeFirst());
        }
    }

    private void scheduleRetry() {
        if (closed || queue.isEmpty()) {
            return;   // nothing to say: the next send reconnects
        }
        long min = transport.limits().minBackoffMicros();
        long backoff = Math.min(transport.limits().maxBackoffMicros(), min << Math.min(failures - 1, 20));
        // The runtime, unlike node code, may draw unseeded jitter: its timing is not replayed.
        long jittered = (long) (backoff * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
        retry = transport.loop().schedule(() -> {
            retry = null;
            connect();
        }, jittered, TimeUnit.MICROSECONDS);
    }

    private void startKeepalive(Channel connected) {
        if (keepalive != null) {
            keepalive.cancel(false);
        }
        long period = transport.limits().keepaliveMicros();
        keepalive = transport.loop().scheduleAtFixedRate(() -> {
            if (channel != connected || !connected.isActive()) {
                return;
            }
            if ((System.nanoTime() - lastHeardNanos) / 1_000 > transport.limits().silenceMicros()) {
                transport.metrics().dropped("silent-connection");
                transport.log().record("reconnect", "to", hello.to().name(), "why", "nothing heard for "
                        + transport.limits().silenceMicros() / 1_000 + " ms");
                connected.close();
                return;
            }
            transport.writeKeepalive(connected);
        }, period, period, TimeUnit.MICROSECONDS);
    }

    void close() {
        closed = true;
        if (keepalive != null) {
            keepalive.cancel(false);
        }
        if (retry != null) {
            retry.cancel(false);
        }
        if (channel != null) {
            channel.close();
        }
        queue.clear();
    }

    /**
     * Watches this link's TLS handshake: a node at the address that cannot prove it is the one
     * meant is never sent a frame (the link retries with backoff); why is logged when it changes.
     */
    private final class OutboundHandshake extends ChannelInboundHandlerAdapter {
        private String lastRefusal;

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof SslHandshakeCompletionEvent done) {
                String why = done.isSuccess() ? resumedRefusal(ctx) : Transport.rootMessage(done.cause());
                if (why != null) {
                    transport.metrics().rejected("peer-identity");
                    if (!why.equals(lastRefusal)) {
                        transport.log().record("link-refused", "to", hello.to().name(), "why", why);
                        lastRefusal = why;
                    }
                    ctx.close();
                    return;
                }
                if (ctx.channel() == channel) {
                    sendQueued(channel);
                }
            }
            super.userEventTriggered(ctx, event);
        }

        /** Why the peer of a finished handshake no longer holds (a resumed session is checked here only); null when it does. */
        private String resumedRefusal(ChannelHandlerContext ctx) {
            try {
                transport.identity().proven(ctx.pipeline().get(SslHandler.class).engine().getSession(), hello.to());
                return null;
            } catch (io.mycel.node.runtime.identity.IdentityException e) {
                return e.getMessage();
            }
        }
    }

    /** The connection's own pipeline end: answers in, and the reconnect when it drops. */
    private final class AnswerHandler extends SimpleChannelInboundHandler<ByteBuf> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            lastHeardNanos = System.nanoTime();
            if (frame.isReadable()) {
                transport.onLinkFrame(hello, ByteBufUtil.getBytes(frame));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (channel == ctx.channel()) {
                channel = null;
                ready = false;
                if (keepalive != null) {
                    keepalive.cancel(false);
                    keepalive = null;
                }
                failures++;
                scheduleRetry();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause.getCause() instanceof javax.net.ssl.SSLException) {
                // counted by OutboundHandshake
            } else if (cause instanceof TooLongFrameException || cause.getCause() instanceof TooLongFrameException) {
                transport.metrics().rejected("too-long");
            } else if (!(cause instanceof IOException)) {
                transport.metrics().rejected("error");
            }
            ctx.close();
        }
    }
}
