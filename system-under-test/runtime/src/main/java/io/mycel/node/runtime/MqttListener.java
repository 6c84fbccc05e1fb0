package io.mycel.node.runtime;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeId;
import io.mycel.node.pubsub.MqttPacket;
import io.mycel.node.pubsub.ReasonCode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * MQTT clients of a real node: a TCP listener speaking the standard wire format through Netty's MQTT
 * codec, on the node's own event loop. Each connection is one sender id ({@code mqtt:N}) to the
 * broker process; its packets are handed to the process as messages, and what the process sends to
 * that id is written back. So the broker's state machines are the simulator's, and only the bytes
 * differ.
 *
 * <p>A packet that does not decode closes its connection (after a DISCONNECT with reason 0x81 for an
 * MQTT 5 client, or a refusing CONNACK when the CONNECT itself was bad) and is counted; the
 * broker learns the connection is gone and publishes its will. Other connections never notice.
 * Writes are flushed once per pass of the event loop, not once per packet.
 */
final class MqttListener implements Gateway {

    private static final String PREFIX = "mqtt:";

    private final EventLoopHost host;
    private final Endpoint broker;
    private final int maxPacketBytes;
    private final Map<NodeId, Connection> connections = new HashMap<>();
    private final Set<Channel> toFlush = new LinkedHashSet<>();
    private long accepted;
    private final java.util.List<Channel> servers = new java.util.ArrayList<>();

    /** One client connection: its channel and the protocol version its CONNECT named. */
    private static final class Connection {
        final Channel channel;
        int version = MqttPacket.V311;
        boolean connected;
        boolean closing;

        Connection(Channel channel) {
            this.channel = channel;
        }
    }

    MqttListener(EventLoopHost host, Endpoint broker, int maxPacketBytes) {
        this.host = host;
        this.broker = broker;
        this.maxPacketBytes = maxPacketBytes;
    }

    /**
     * The broker's TLS for MQTT clients from its PEM files: TLS 1.3, or 1.2 for the many embedded
     * clients that have no 1.3; clients are not asked for certificates (they prove who they are
     * with the auth plugins).
     */
    static SslContext tlsContext(NodeConfig.MqttTls tls) {
        try {
            return SslContextBuilder.forServer(tls.cert().toFile(), tls.key().toFile()).sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2").build();
        } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use the certificate " + tls.cert() + " with the key " + tls.key() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Listens on {@code address}, over TLS with {@code tls} or plain when it is null. */
    InetSocketAddress listen(InetSocketAddress address, SslContext tls) throws InterruptedException {
        Channel server = new ServerBootstrap().group(host.loop()).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        NodeId id = NodeId.of(PREFIX + (++accepted));
                        connections.put(id, new Connection(ch));
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()), new TlsRefusals());
                        }
                        ch.pipeline().addLast(new MqttDecoder(maxPacketBytes), MqttEncoder.INSTANCE, new Handler(id));
                        ch.closeFuture().addListener(f -> {
                            connections.remove(id);
                            toFlush.remove(ch);
                            broker.deliverMessage(id, new MqttPacket.ConnectionLost());
                        });
                        host.metrics().mqttConnections(connections.size());
                    }
                })
                .bind(address).sync().channel();
        servers.add(server);
        return (InetSocketAddress) server.localAddress();
    }

    /** Counts and closes a client whose TLS handshake failed (plain MQTT on the TLS port, say). */
    private final class TlsRefusals extends io.netty.channel.ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
                host.metrics().rejected("mqtt-tls-handshake");
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, event);
        }
    }

    @Override
    public boolean serves(NodeId to) {
        return to.name().startsWith(PREFIX);
    }

    /** What the broker sends a connection: written now, flushed at the end of this pass of the loop. */
    @Override
    public void send(NodeId to, Message message) {
        Connection c = connections.get(to);
        if (c == null || c.closing) {
            return;   // the client is gone: as a message to a crashed node, lost
        }
        MqttPacket packet = (MqttPacket) message;
        if (packet instanceof MqttPacket.Publish p && p.qos() == 0 && !c.channel.isWritable()) {
            host.metrics().dropped("mqtt-slow-subscriber");   // QoS 0 to a client that does not read: dropped, not buffered
            return;
        }
        MqttMessage out = MqttWire.toNetty(packet, c.version);
        if (packet instanceof MqttPacket.Disconnect) {
            close(c, out);
            return;
        }
        c.channel.write(out, c.channel.voidPromise());
        if (toFlush.add(c.channel) && toFlush.size() == 1) {
            host.loop().execute(this::flush);
        }
    }

    void close() {
        for (Channel server : servers) {
            server.close().syncUninterruptibly();
        }
        for (Connection c : Map.copyOf(connections).values()) {
            c.channel.close();
        }
    }

    private void flush() {
        for (Channel ch : toFlush) {
            ch.flush();
        }
        toFlush.clear();
    }

    private void close(Connection c, MqttMessage last) {
        c.closing = true;
        toFlush.remove(c.channel);
        if (last == null) {
            c.channel.flush();
            c.channel.close();
        } else {
            c.channel.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<MqttMessage> {
        private final NodeId id;

        Handler(NodeId id) {
            this.id = id;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, MqttMessage m) {
            Connection c = connections.get(id);
            if (c == null || c.closing) {
                return;
            }
            DecoderResult result = m.decoderResult();
            if (result.isFailure()) {
                rejected(c, m, result.cause());
                return;
            }
            MqttPacket packet = MqttWire.fromNetty(m);
            if (packet == null) {
                host.metrics().rejected("mqtt-unexpected-" + m.fixedHeader().messageType().name().toLowerCase());
                close(c, MqttWire.toNetty(new MqttPacket.Disconnect(ReasonCode.PROTOCOL_ERROR), c.version));
                return;
            }
            if (packet instanceof MqttPacket.Connect connect) {
                if (c.connected) {
                    // MQTT: a second CONNECT on one network connection is a protocol error. (To the
                    // broker a CONNECT from a connected sender means a new connection, as in simulation.)
                    host.metrics().rejected("mqtt-second-connect");
                    close(c, MqttWire.toNetty(new MqttPacket.Disconnect(ReasonCode.PROTOCOL_ERROR), c.version));
                    return;   // the broker hears of the close as a lost connection, and publishes the will
                }
                c.connected = true;
                c.version = connect.protocolVersion();
            }
            host.metrics().mqttPacketIn();
            broker.deliverMessage(id, packet);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();   // a reset or broken pipe; the broker hears of it as a lost connection
        }

        /** Netty could not decode a packet: answer as MQTT asks, then close this connection only. */
        private void rejected(Connection c, MqttMessage m, Throwable cause) {
            MqttFixedHeader fixed = m.fixedHeader();
            boolean connect = fixed != null && fixed.messageType() == MqttMessageType.CONNECT;
            if (cause instanceof MqttUnacceptableProtocolVersionException) {
                host.metrics().rejected("mqtt-protocol-version");
                close(c, connAck(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION));
            } else if (cause instanceof MqttIdentifierRejectedException) {
                host.metrics().rejected("mqtt-client-id");
                close(c, connAck(c.version == MqttPacket.V5 ? MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID
                        : MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED));
            } else if (cause instanceof io.netty.handler.codec.TooLongFrameException) {
                host.metrics().rejected("mqtt-too-large");
                close(c, MqttWire.toNetty(new MqttPacket.Disconnect(ReasonCode.PACKET_TOO_LARGE), c.version));
            } else {
                host.metrics().rejected("mqtt-malformed");
                close(c, connect ? null : MqttWire.malformed(c.version));
            }
        }

        private MqttMessage connAck(MqttConnectReturnCode code) {
            return new MqttConnAckMessage(new MqttFixedHeader(MqttMessageType.CONNACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                    new MqttConnAckVariableHeader(code, false));
        }
    }
}
