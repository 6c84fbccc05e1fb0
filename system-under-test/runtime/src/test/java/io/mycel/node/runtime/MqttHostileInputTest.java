package io.mycel.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.SeededRandom;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken MQTT packets: a malformed one closes its own connection, with MQTT 5's reason code where
 * the client speaks MQTT 5, and is counted; a Paho subscriber and publisher connected all along
 * keep exchanging messages while hundreds of fuzzed packets arrive beside them.
 */
@Timeout(120)
class MqttHostileInputTest {

    @TempDir
    Path data;

    @Test
    void aMalformedPacketClosesItsConnectionWithTheReasonAndIsCounted() throws Exception {
        try (MqttTestNode broker = new MqttTestNode(data, Map.of())) {
            // An MQTT 5 client sends a PUBLISH whose fixed header claims QoS 3.
            try (Socket s = socket(broker)) {
                s.getOutputStream().write(encode(connect(MqttVersion.MQTT_5, "bad5")));
                byte[] connack = readAll(s, 200);
                assertEquals(0x20, connack[0] & 0xFF, "CONNACK first");
                s.getOutputStream().write(new byte[] {0x36, 0x03, 0x00, 0x01, 'a'});
                byte[] rest = readUntilClosed(s);
                assertDisconnect(0x81, rest);   // malformed packet
            }
            // The same from a 3.1.1 client: that version has no server DISCONNECT, the connection just ends.
            try (Socket s = socket(broker)) {
                s.getOutputStream().write(encode(connect(MqttVersion.MQTT_3_1_1, "bad3")));
                readAll(s, 200);
                s.getOutputStream().write(new byte[] {0x36, 0x03, 0x00, 0x01, 'a'});
                assertEquals(0, readUntilClosed(s).length);
            }
            // A packet before CONNECT: a protocol error.
            try (Socket s = socket(broker)) {
                s.getOutputStream().write(new byte[] {(byte) 0xC0, 0x00});   // PINGREQ
                assertEquals(0, readUntilClosed(s).length);
            }
            // A packet larger than the node accepts, from an MQTT 5 client: 0x95.
            try (Socket s = socket(broker)) {
                s.getOutputStream().write(encode(connect(MqttVersion.MQTT_5, "big5")));
                readAll(s, 200);
                s.getOutputStream().write(new byte[] {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F});   // 268 MB to come
                assertDisconnect(0x95, readUntilClosed(s));   // packet too large
            }
            // A second CONNECT on one connection: a protocol error (0x82).
            try (Socket s = socket(broker)) {
                s.getOutputStream().write(encode(connect(MqttVersion.MQTT_5, "twice5")));
                readAll(s, 200);
                s.getOutputStream().write(encode(connect(MqttVersion.MQTT_5, "twice5")));
                assertDisconnect(0x82, readUntilClosed(s));
            }
            NodeMetrics m = broker.node.metrics();
            assertEquals(1, m.rejectedCount("mqtt-second-connect"));
            assertEquals(2, m.rejectedCount("mqtt-malformed"));
            assertEquals(1, m.rejectedCount("mqtt-too-large"));
        }
    }

    @Test
    void fuzzedPacketsNeverDisturbOtherClients() throws Exception {
        try (MqttTestNode broker = new MqttTestNode(data, Map.of())) {
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            MqttClient sub = paho(broker, "steady-sub");
            sub.subscribe("steady/#", 1, (t, msg) -> got.add(new String(msg.getPayload(), StandardCharsets.UTF_8)));
            MqttClient pub = paho(broker, "steady-pub");
            SeededRandom random = new SeededRandom(8);
            List<byte[]> seeds = List.of(
                    encode(connect(MqttVersion.MQTT_3_1_1, "f3")), encode(connect(MqttVersion.MQTT_5, "f5")),
                    encode(MqttMessageBuilders.subscribe().messageId(3).addSubscription(MqttQoS.EXACTLY_ONCE, "a/+/#").build()),
                    encode(MqttMessageBuilders.publish().topicName("a/b").qos(MqttQoS.AT_LEAST_ONCE).messageId(9)
                            .payload(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})).build()),
                    encode(MqttMessageBuilders.unsubscribe().messageId(4).addTopicFilter("a/#").build()));
            int rounds = 300;
            for (int i = 0; i < rounds; i++) {
                try (Socket s = socket(broker)) {
                    s.setSoTimeout(2000);
                    // Mostly a good CONNECT first, so the fuzz reaches the broker's later states too.
                    if (random.nextInt(4) != 0) {
                        s.getOutputStream().write(seeds.get(random.nextInt(2)));
                    }
                    s.getOutputStream().write(mutate(seeds.get(random.nextInt(seeds.size())), random));
                    s.getOutputStream().flush();
                    readAll(s, 20);
                }
                if (i % 50 == 49) {
                    String text = "after " + (i + 1);
                    pub.publish("steady/x", text.getBytes(StandardCharsets.UTF_8), 1, false);
                    assertEquals(text, got.poll(5, TimeUnit.SECONDS), "the steady clients still talk after " + (i + 1) + " fuzzed connections");
                }
            }
            assertTrue(sub.isConnected() && pub.isConnected());
            NodeMetrics m = broker.node.metrics();
            long rejected = m.rejectedCount("mqtt-malformed") + m.rejectedCount("mqtt-too-large")
                    + m.rejectedCount("mqtt-protocol-version") + m.rejectedCount("mqtt-client-id");
            assertTrue(rejected > rounds / 4, "most fuzzed packets are rejected and counted: " + rejected);
            assertNull(broker.failure.get());
            sub.disconnect();
            pub.disconnect();
        }
    }

    /** The last bytes before the close are one MQTT 5 DISCONNECT with {@code reason} (and no properties). */
    private static void assertDisconnect(int reason, byte[] bytes) {
        assertTrue(bytes.length >= 3, "a DISCONNECT before the close, got " + bytes.length + " bytes");
        assertEquals(0xE0, bytes[0] & 0xFF, "DISCONNECT");
        assertEquals(bytes.length - 2, bytes[1], "one packet");
        assertEquals(reason, bytes[2] & 0xFF, "reason code");
    }

    /** Flips, drops or inserts a few bytes, or cuts the packet short. */
    private static byte[] mutate(byte[] packet, SeededRandom random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int cut = random.nextInt(5) == 0 ? 1 + random.nextInt(packet.length) : packet.length;
        for (int i = 0; i < cut; i++) {
            int r = random.nextInt(20);
            if (r == 0) {
                continue;   // dropped
            }
            out.write(r == 1 ? random.nextInt(256) : r == 2 ? packet[i] ^ (1 << random.nextInt(8)) : packet[i]);
            if (r == 3) {
                out.write(random.nextInt(256));   // inserted
            }
        }
        return out.toByteArray();
    }

    private static MqttMessage connect(MqttVersion version, String id) {
        return MqttMessageBuilders.connect().clientId(id).protocolVersion(version).cleanSession(true).keepAlive(30).build();
    }

    private static byte[] encode(MqttMessage m) {
        EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
        encoder.writeOutbound(m);
        ByteBuf out = encoder.readOutbound();
        try {
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
            encoder.finishAndReleaseAll();
        }
    }

    private static Socket socket(MqttTestNode broker) throws IOException {
        Socket s = new Socket(broker.address().getAddress(), broker.address().getPort());
        s.setTcpNoDelay(true);
        return s;
    }

    /** What arrives within {@code millis} of quiet. */
    private static byte[] readAll(Socket s, int millis) throws IOException {
        s.setSoTimeout(millis);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buffer = new byte[1024];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // quiet, or reset
        }
        return out.toByteArray();
    }

    /** What arrives until the broker closes the connection, which must happen within 5 s. */
    private static byte[] readUntilClosed(Socket s) throws IOException {
        s.setSoTimeout(5000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        byte[] buffer = new byte[1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static MqttClient paho(MqttTestNode broker, String id) throws Exception {
        MqttClient c = new MqttClient(broker.uri(), id, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setAutomaticReconnect(false);
        c.connect(o);
        return c;
    }
}
