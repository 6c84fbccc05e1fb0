package io.mycel.node.runtime;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A bare MQTT client for tests that must do what no well-behaved client library does: stop in the
 * middle of a QoS 2 flow, stay silent past its keep-alive, send broken packets. Packets are built as
 * Netty's MQTT messages and encoded by Netty's codec, so only the timing is this class's own.
 */
final class RawMqtt implements AutoCloseable {

    private final Socket socket;
    private final EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
    private final EmbeddedChannel decoder = new EmbeddedChannel(new MqttDecoder());

    RawMqtt(InetSocketAddress address) throws IOException {
        socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(5_000);
        socket.setTcpNoDelay(true);
    }

    void send(MqttMessage message) throws IOException {
        encoder.writeOutbound(message);
        ByteBuf out;
        while ((out = encoder.readOutbound()) != null) {
            try {
                writeRaw(ByteBufUtil.getBytes(out));
            } finally {
                out.release();
            }
        }
    }

    /** A PUBACK, PUBREC, PUBREL or PUBCOMP for {@code packetId} (PUBREL's header says QoS 1, as MQTT asks). */
    static MqttMessage ack(io.netty.handler.codec.mqtt.MqttMessageType type, int packetId) {
        io.netty.handler.codec.mqtt.MqttQoS qos = type == io.netty.handler.codec.mqtt.MqttMessageType.PUBREL
                ? io.netty.handler.codec.mqtt.MqttQoS.AT_LEAST_ONCE : io.netty.handler.codec.mqtt.MqttQoS.AT_MOST_ONCE;
        return new MqttMessage(new io.netty.handler.codec.mqtt.MqttFixedHeader(type, false, qos, false, 0),
                io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader.from(packetId));
    }

    void writeRaw(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** The next packet the broker sends, or null once the broker closed the connection. */
    MqttMessage read() throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        while (true) {
            MqttMessage m = decoder.readInbound();
            if (m != null) {
                return m;
            }
            int n = in.read(buffer);
            if (n < 0) {
                return null;
            }
            decoder.writeInbound(Unpooled.copiedBuffer(buffer, 0, n));
        }
    }

    /** Whether the broker closed the connection within the socket's timeout (reading past any packets). */
    boolean closedByBroker() throws IOException {
        try {
            while (read() != null) {
                // packets before the close (a DISCONNECT, a CONNACK) are fine
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true;   // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        encoder.finishAndReleaseAll();
        decoder.finishAndReleaseAll();
    }
}
