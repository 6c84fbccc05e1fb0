package io.mycel.node.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
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
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eclipse Paho's MQTT 3.1.1 and 5 clients against a real Mycel node running the mqtt program:
 * wildcards, QoS 0, 1 and 2, retained messages, wills, keep-alive, persistent sessions, and QoS 2
 * exactly once across a client's reconnect in the middle of the flow (driven by a bare client that
 * stops where Paho never would).
 */
@Timeout(60)
class PahoInteropTest {

    /** A message as a subscriber got it. */
    record Got(String topic, String text, int qos, boolean retained, boolean duplicate) {
    }

    @TempDir
    Path data;
    private MqttTestNode broker;

    @BeforeEach
    void start() {
        broker = new MqttTestNode(data, Map.of());
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void v311WildcardsAndEveryQos() throws Exception {
        BlockingQueue<Got> got = new LinkedBlockingQueue<>();
        MqttClient sub = v3("sub", true);
        sub.subscribe("site/+/temp", 2, (topic, m) -> got.add(got(topic, m)));
        sub.subscribe("site/gate/#", 1, (topic, m) -> got.add(got(topic, m)));
        MqttClient pub = v3("pub", true);
        for (int qos = 0; qos <= 2; qos++) {
            pub.publish("site/barn/temp", ("t" + qos).getBytes(StandardCharsets.UTF_8), qos, false);
        }
        pub.publish("site/gate", "open".getBytes(StandardCharsets.UTF_8), 2, false);
        pub.publish("site/gate/battery/low", "3.1V".getBytes(StandardCharsets.UTF_8), 0, false);
        pub.publish("elsewhere/temp", "x".getBytes(StandardCharsets.UTF_8), 1, false);
        List<Got> expected = List.of(new Got("site/barn/temp", "t0", 0, false, false), new Got("site/barn/temp", "t1", 1, false, false),
                new Got("site/barn/temp", "t2", 2, false, false), new Got("site/gate", "open", 1, false, false),
                new Got("site/gate/battery/low", "3.1V", 0, false, false));
        // Paho hands a QoS 2 message to its callback when the PUBREL comes, so the order of arrival
        // across QoS levels is Paho's, not the broker's: compared as a set.
        java.util.Set<Got> arrived = new java.util.HashSet<>();
        for (int i = 0; i < expected.size(); i++) {
            Got g = got.poll(5, TimeUnit.SECONDS);
            assertNotNull(g, "only " + arrived + " arrived");
            arrived.add(g);
        }
        assertEquals(java.util.Set.copyOf(expected), arrived);
        assertEquals(null, got.poll(300, TimeUnit.MILLISECONDS), "nothing else, 'elsewhere/temp' above all");
        sub.disconnect();
        pub.disconnect();
    }

    @Test
    void v5RetainedMessagesNoLocalAndReasonCodes() throws Exception {
        BlockingQueue<Got> got = new LinkedBlockingQueue<>();
        var pub = v5("pub5", true, 0);
        pub.publish("room/light", "on".getBytes(StandardCharsets.UTF_8), 1, true);
        var sub = v5("sub5", true, 0);
        var token = sub.subscribe(new MqttSubscription[] {new MqttSubscription("room/+", 2)},
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(topic, m) -> got.add(got(topic, m))});
        assertArrayEquals(new int[] {2}, token.getReasonCodes());
        assertEquals(new Got("room/light", "on", 1, true, false), got.poll(5, TimeUnit.SECONDS), "the retained message greets the subscriber");
        // noLocal: the subscriber publishes on its own filter and does not hear itself.
        MqttSubscription own = new MqttSubscription("chat", 1);
        own.setNoLocal(true);
        sub.subscribe(new MqttSubscription[] {own}, new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> got.add(got(t, m))});
        sub.publish("chat", "me".getBytes(StandardCharsets.UTF_8), 1, false);
        pub.publish("chat", "them".getBytes(StandardCharsets.UTF_8), 1, false);
        assertEquals("them", got.poll(5, TimeUnit.SECONDS).text());
        // Clearing the retained message: a later subscriber gets nothing.
        pub.publish("room/light", new byte[0], 1, true);
        var late = v5("late5", true, 0);
        BlockingQueue<Got> lateGot = new LinkedBlockingQueue<>();
        late.subscribe(new MqttSubscription[] {new MqttSubscription("room/#", 1)},
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> lateGot.add(got(t, m))});
        assertEquals(null, lateGot.poll(300, TimeUnit.MILLISECONDS));
        for (var c : List.of(pub, sub, late)) {
            c.disconnect();
        }
    }

    @Test
    void willsOfVanishedClientsAndOfSilentOnes() throws Exception {
        BlockingQueue<Got> got = new LinkedBlockingQueue<>();
        MqttClient watcher = v3("watcher", true);
        watcher.subscribe("status/#", 1, (topic, m) -> got.add(got(topic, m)));
        // A Paho client whose connection drops without a DISCONNECT.
        MqttConnectOptions o = options(true);
        o.setWill("status/paho", "gone".getBytes(StandardCharsets.UTF_8), 1, false);
        MqttClient vanishing = new MqttClient(broker.uri(), "vanishing", new MemoryPersistence());
        vanishing.connect(o);
        vanishing.disconnectForcibly(0, 100, false);
        assertEquals(new Got("status/paho", "gone", 1, false, false), got.poll(5, TimeUnit.SECONDS));
        // A bare client with a 1 s keep-alive that then says nothing: closed after 1.5 s, will published.
        try (RawMqtt silent = new RawMqtt(broker.address())) {
            long start = System.nanoTime();
            silent.send(MqttMessageBuilders.connect().clientId("silent").protocolVersion(MqttVersion.MQTT_3_1_1).cleanSession(true)
                    .keepAlive(1).willFlag(true).willTopic("status/silent").willMessage("timeout".getBytes(StandardCharsets.UTF_8))
                    .willQoS(MqttQoS.AT_LEAST_ONCE).build());
            assertEquals(MqttMessageType.CONNACK, silent.read().fixedHeader().messageType());
            assertTrue(silent.closedByBroker(), "closed for silence");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 1400 && millis < 4000, "closed after one and a half keep-alives, took " + millis + " ms");
        }
        assertEquals(new Got("status/silent", "timeout", 1, false, false), got.poll(5, TimeUnit.SECONDS));
        // A polite client leaves no will.
        MqttClient polite = new MqttClient(broker.uri(), "polite", new MemoryPersistence());
        MqttConnectOptions p = options(true);
        p.setWill("status/polite", "x".getBytes(StandardCharsets.UTF_8), 1, false);
        polite.connect(p);
        polite.disconnect();
        assertEquals(null, got.poll(300, TimeUnit.MILLISECONDS));
        watcher.disconnect();
    }

    @Test
    void aPersistentSessionGetsWhatWasPublishedWhileItWasAway() throws Exception {
        BlockingQueue<Got> got = new LinkedBlockingQueue<>();
        MqttClient device = v3("device", false);
        device.subscribe("cmd/device", 1, (t, m) -> got.add(got(t, m)));
        device.disconnect();
        MqttClient pub = v3("controller", true);
        pub.publish("cmd/device", "reboot".getBytes(StandardCharsets.UTF_8), 1, false);
        pub.publish("cmd/device", "lost".getBytes(StandardCharsets.UTF_8), 0, false);   // QoS 0 while away: dropped
        MqttClient back = new MqttClient(broker.uri(), "device", new MemoryPersistence());
        back.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m) {
                got.add(got(topic, m));
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        var token = back.connectWithResult(options(false));
        assertTrue(token.getSessionPresent());
        assertEquals(new Got("cmd/device", "reboot", 1, false, false), got.poll(5, TimeUnit.SECONDS));
        assertEquals(null, got.poll(300, TimeUnit.MILLISECONDS));
        back.disconnect();
        pub.disconnect();
    }

    @Test
    void qos2IsExactlyOnceWhenThePublisherReconnectsInTheMiddle() throws Exception {
        BlockingQueue<Got> got = new LinkedBlockingQueue<>();
        var sub = v5("exactly", true, 0);
        sub.subscribe(new MqttSubscription[] {new MqttSubscription("ledger", 2)},
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(t, m) -> got.add(got(t, m))});
        MqttMessage publish = MqttMessageBuilders.publish().topicName("ledger").qos(MqttQoS.EXACTLY_ONCE).messageId(77)
                .payload(io.netty.buffer.Unpooled.copiedBuffer("+10", StandardCharsets.UTF_8)).build();
        try (RawMqtt first = new RawMqtt(broker.address())) {
            first.send(connect("till", false));
            assertEquals(MqttMessageType.CONNACK, first.read().fixedHeader().messageType());
            first.send(publish);
            assertEquals(MqttMessageType.PUBREC, first.read().fixedHeader().messageType());
            // The connection breaks before the client could send its PUBREL.
        }
        try (RawMqtt again = new RawMqtt(broker.address())) {
            again.send(connect("till", false));
            MqttConnAckMessage ack = (MqttConnAckMessage) again.read();
            assertTrue(ack.variableHeader().isSessionPresent());
            // The client does not know whether the PUBLISH arrived, so it sends it again, marked dup.
            MqttMessage dup = MqttMessageBuilders.publish().topicName("ledger").qos(MqttQoS.EXACTLY_ONCE).messageId(77)
                    .payload(io.netty.buffer.Unpooled.copiedBuffer("+10", StandardCharsets.UTF_8)).build();
            again.send(new io.netty.handler.codec.mqtt.MqttPublishMessage(new io.netty.handler.codec.mqtt.MqttFixedHeader(
                    MqttMessageType.PUBLISH, true, MqttQoS.EXACTLY_ONCE, false, 0),
                    (io.netty.handler.codec.mqtt.MqttPublishVariableHeader) dup.variableHeader(), (io.netty.buffer.ByteBuf) dup.payload()));
            assertEquals(MqttMessageType.PUBREC, again.read().fixedHeader().messageType());
            again.send(RawMqtt.ack(MqttMessageType.PUBREL, 77));
            assertEquals(MqttMessageType.PUBCOMP, again.read().fixedHeader().messageType());
        }
        assertEquals(new Got("ledger", "+10", 2, false, false), got.poll(5, TimeUnit.SECONDS));
        assertEquals(null, got.poll(500, TimeUnit.MILLISECONDS), "delivered once, though published twice");
        sub.disconnect();
    }

    @Test
    void qos2IsExactlyOnceWhenTheSubscriberReconnectsInTheMiddle() throws Exception {
        // A bare subscriber takes the PUBLISH, answers PUBREC, and loses its connection before PUBREL.
        try (RawMqtt first = new RawMqtt(broker.address())) {
            first.send(connect("reader", false));
            first.read();
            first.send(MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.EXACTLY_ONCE, "ledger").build());
            assertEquals(MqttMessageType.SUBACK, first.read().fixedHeader().messageType());
            MqttClient pub = v3("writer", true);
            pub.publish("ledger", "+5".getBytes(StandardCharsets.UTF_8), 2, false);
            pub.disconnect();
            MqttMessage delivered = first.read();
            assertEquals(MqttMessageType.PUBLISH, delivered.fixedHeader().messageType());
            int id = ((io.netty.handler.codec.mqtt.MqttPublishMessage) delivered).variableHeader().packetId();
            ((io.netty.handler.codec.mqtt.MqttPublishMessage) delivered).release();
            first.send(RawMqtt.ack(MqttMessageType.PUBREC, id));
            assertEquals(MqttMessageType.PUBREL, first.read().fixedHeader().messageType());
        }
        try (RawMqtt again = new RawMqtt(broker.address())) {
            again.send(connect("reader", false));
            assertTrue(((MqttConnAckMessage) again.read()).variableHeader().isSessionPresent());
            MqttMessage next = again.read();
            assertEquals(MqttMessageType.PUBREL, next.fixedHeader().messageType(), "the broker resends PUBREL, not the message");
            int id = ((io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader) next.variableHeader()).messageId();
            again.send(RawMqtt.ack(MqttMessageType.PUBCOMP, id));
            again.send(MqttMessage.PINGREQ);
            assertEquals(MqttMessageType.PINGRESP, again.read().fixedHeader().messageType(), "and nothing else before the ping's answer");
        }
    }

    @Test
    void aSecondClientWithTheSameIdTakesTheSessionOver() throws Exception {
        BlockingQueue<Throwable> lost = new LinkedBlockingQueue<>();
        MqttClient first = new MqttClient(broker.uri(), "twin", new MemoryPersistence());
        first.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                lost.add(cause);
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m) {
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        first.connect(options(true));
        MqttClient second = v3("twin", true);
        assertNotNull(lost.poll(5, TimeUnit.SECONDS), "the first connection is closed");
        assertTrue(second.isConnected());
        assertFalse(first.isConnected());
        second.disconnect();
    }

    private MqttClient v3(String id, boolean clean) throws Exception {
        MqttClient c = new MqttClient(broker.uri(), id, new MemoryPersistence());
        c.connect(options(clean));
        return c;
    }

    private static MqttConnectOptions options(boolean clean) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(clean);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(30);
        return o;
    }

    private org.eclipse.paho.mqttv5.client.MqttClient v5(String id, boolean clean, long expiry) throws Exception {
        var c = new org.eclipse.paho.mqttv5.client.MqttClient(broker.uri(), id,
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(clean);
        o.setSessionExpiryInterval(expiry);
        o.setKeepAliveInterval(30);
        c.connect(o);
        return c;
    }

    private static MqttMessage connect(String id, boolean clean) {
        return MqttMessageBuilders.connect().clientId(id).protocolVersion(MqttVersion.MQTT_3_1_1).cleanSession(clean).keepAlive(30).build();
    }

    private static Got got(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m) {
        return new Got(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.getQos(), m.isRetained(), m.isDuplicate());
    }

    private static Got got(String topic, org.eclipse.paho.mqttv5.common.MqttMessage m) {
        return new Got(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.getQos(), m.isRetained(), m.isDuplicate());
    }
}
