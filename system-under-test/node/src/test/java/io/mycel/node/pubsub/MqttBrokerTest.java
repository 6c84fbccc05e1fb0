package io.mycel.node.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.NodeId;
import io.mycel.node.api.TimerId;
import io.mycel.node.pubsub.BrokerConnections.Conn;
import io.mycel.node.pubsub.MqttPacket.Ack;
import io.mycel.node.pubsub.MqttPacket.AckKind;
import io.mycel.node.pubsub.MqttPacket.ConnAck;
import io.mycel.node.pubsub.MqttPacket.Connect;
import io.mycel.node.pubsub.MqttPacket.ConnectionLost;
import io.mycel.node.pubsub.MqttPacket.Disconnect;
import io.mycel.node.pubsub.MqttPacket.Publish;
import io.mycel.node.pubsub.MqttPacket.SubAck;
import io.mycel.node.pubsub.MqttPacket.Subscribe;
import io.mycel.node.pubsub.MqttPacket.Subscription;
import io.mycel.node.pubsub.MqttPacket.Will;
import io.mycel.node.testing.FakeContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The broker's state machines, packet by packet, without a network: what each client is sent. */
class MqttBrokerTest {

    private final BrokerConnections clients = new BrokerConnections(new MqttBroker(BrokerLimits.of(2, 3)));
    private final FakeContext ctx = clients.ctx;
    private final MqttBroker broker = clients.broker;

    private Conn connect(String clientId, int version, boolean clean, long expiry, Will will) {
        Conn c = clients.open();
        c.send(new Connect(version, clientId, clean, 10, null, null, will, expiry));
        return c;
    }

    private static Publish publish(String topic, String text, int qos, int id) {
        return new Publish(topic, text.getBytes(StandardCharsets.UTF_8), qos, false, false, id);
    }

    private static String text(MqttPacket p) {
        return new String(((Publish) p).payload(), StandardCharsets.UTF_8);
    }

    @Test
    void publishesReachMatchingSubscribersAtTheLowerQos() {
        Conn sub = connect("sub", 4, true, 0, null);
        assertEquals(List.of(new ConnAck(false, ReasonCode.SUCCESS, null)), sub.got());
        sub.send(new Subscribe(1, List.of(Subscription.of("home/+/temp", 1), Subscription.of("home/#", 0))));
        assertEquals(List.of(new SubAck(1, List.of(1, 0))), sub.got());
        Conn pub = connect("pub", 5, true, 0, null);
        pub.got();
        pub.send(publish("home/kitchen/temp", "21", 2, 7));
        pub.send(publish("home/door", "open", 1, 8));
        pub.send(publish("garden/temp", "9", 1, 9));
        assertEquals(List.of(new Ack(AckKind.PUBREC, 7, 0), new Ack(AckKind.PUBACK, 8, 0),
                new Ack(AckKind.PUBACK, 9, ReasonCode.NO_MATCHING_SUBSCRIBERS)), pub.got());
        List<MqttPacket> got = sub.got();
        assertEquals(2, got.size(), got.toString());
        Publish temp = (Publish) got.get(0);
        assertEquals(1, temp.qos(), "QoS 2 publish, overlapping QoS 1 and 0 subscriptions: delivered once at QoS 1");
        assertEquals("21", text(temp));
        assertEquals(0, ((Publish) got.get(1)).qos());
        assertEquals("open", text(got.get(1)));
    }

    @Test
    void qos2FromAClientIsDeliveredOnceThoughItsPublishComesTwice() {
        Conn sub = connect("sub", 5, true, 0, null);
        sub.send(new Subscribe(1, List.of(Subscription.of("t", 2))));
        sub.got();
        Conn pub = connect("pub", 5, true, 0, null);
        pub.got();
        pub.send(publish("t", "once", 2, 40));
        pub.send(new Publish("t", "once".getBytes(StandardCharsets.UTF_8), 2, false, true, 40));   // resent, dup
        assertEquals(List.of(new Ack(AckKind.PUBREC, 40, 0), new Ack(AckKind.PUBREC, 40, 0)), pub.got());
        pub.send(new Ack(AckKind.PUBREL, 40, 0));
        assertEquals(List.of(new Ack(AckKind.PUBCOMP, 40, 0)), pub.got());
        List<MqttPacket> got = sub.got();
        assertEquals(1, got.size(), got.toString());
        Publish p = (Publish) got.get(0);
        // Then the broker's own QoS 2 flow towards the subscriber.
        sub.send(new Ack(AckKind.PUBREC, p.packetId(), 0));
        assertEquals(List.of(new Ack(AckKind.PUBREL, p.packetId(), 0)), sub.got());
        sub.send(new Ack(AckKind.PUBCOMP, p.packetId(), 0));
        assertEquals(0, broker.sessionOf(sub.id).inflight());
        // Once released, the same packet id is a new message.
        pub.send(publish("t", "twice", 2, 40));
        assertEquals("twice", text(sub.got().get(0)));
    }

    @Test
    void aPersistentSessionKeepsItsMessagesAndResendsWhatWasNotAcknowledged() {
        Conn first = connect("dev", 4, false, Connect.NEVER_EXPIRES, null);
        first.send(new Subscribe(1, List.of(Subscription.of("cmd/#", 1))));
        first.got();
        Conn pub = connect("pub", 4, true, 0, null);
        pub.send(publish("cmd/a", "1", 1, 1));
        Publish unacked = (Publish) first.got().get(0);
        first.send(new ConnectionLost());
        for (int i = 2; i <= 5; i++) {
            pub.send(publish("cmd/a", String.valueOf(i), 1, i));   // queued while away; the queue holds 3
        }
        assertEquals(1, broker.publishing.dropped(), "the fourth message while away overflows the queue of 3");
        Conn back = connect("dev", 4, false, Connect.NEVER_EXPIRES, null);
        List<MqttPacket> got = back.got();
        assertEquals(new ConnAck(true, 0, null), got.get(0));
        Publish again = (Publish) got.get(1);
        assertTrue(again.dup(), "the unacknowledged message comes again, marked as a duplicate");
        assertEquals(unacked.packetId(), again.packetId());
        assertEquals("1", text(again));
        assertEquals(3, got.size(), "then as many as the in-flight window of 2 allows: " + got);
        assertEquals("2", text(got.get(2)));
        back.send(new Ack(AckKind.PUBACK, again.packetId(), 0));
        assertEquals("3", text(back.got().get(0)), "an acknowledgement makes room for the next");
    }

    @Test
    void aCleanStartDropsTheOldSessionAndTakeoverClosesTheOldConnection() {
        Conn old = connect("dev", 5, false, 300, null);
        old.send(new Subscribe(1, List.of(Subscription.of("x", 1))));
        old.got();
        Conn takeover = connect("dev", 5, false, 300, null);
        assertEquals(List.of(new Disconnect(ReasonCode.SESSION_TAKEN_OVER)), old.got());
        assertEquals(new ConnAck(true, 0, null), takeover.got().get(0));
        Conn clean = connect("dev", 5, true, 300, null);
        assertEquals(new ConnAck(false, 0, null), clean.got().get(0));
        assertTrue(broker.sessions.get("dev").subscriptions.isEmpty());
    }

    @Test
    void willsGoOutWhenAClientVanishesButNotWhenItSaysGoodbye() {
        Conn watcher = connect("watcher", 4, true, 0, null);
        watcher.send(new Subscribe(1, List.of(Subscription.of("status/#", 0))));
        watcher.got();
        Will will = new Will("status/a", "gone".getBytes(StandardCharsets.UTF_8), 0, false);
        connect("a", 4, true, 0, will).send(new ConnectionLost());
        Conn polite = connect("a", 4, true, 0, will);
        polite.send(new Disconnect(0));
        Conn asks = connect("a", 5, true, 0, will);
        asks.send(new Disconnect(ReasonCode.DISCONNECT_WITH_WILL));
        List<MqttPacket> got = watcher.got();
        assertEquals(2, got.size(), "lost connection and DISCONNECT with will, not the plain DISCONNECT: " + got);
        assertEquals("gone", text(got.get(0)));
    }

    @Test
    void aSilentClientIsClosedAfterOneAndAHalfKeepAlivesAndItsWillPublished() {
        Conn watcher = connect("watcher", 4, true, 0, null);
        watcher.send(new Subscribe(1, List.of(Subscription.of("status/#", 0))));
        Conn quiet = connect("quiet", 5, true, 0, new Will("status/quiet", new byte[] {1}, 0, false));
        ctx.advance(10_000_000);
        quiet.send(new MqttPacket.PingReq());   // heard at 10 s
        fire("mqtt-keepalive/quiet");           // due at 15 s, but the ping moved the deadline to 25 s
        assertFalse(quiet.got().contains(new Disconnect(ReasonCode.KEEP_ALIVE_TIMEOUT)));
        ctx.advance(15_000_000);
        fire("mqtt-keepalive/quiet");
        assertTrue(quiet.got().contains(new Disconnect(ReasonCode.KEEP_ALIVE_TIMEOUT)));
        assertTrue(watcher.got().stream().anyMatch(p -> p instanceof Publish pub && pub.topic().equals("status/quiet")));
        assertNull(broker.sessions.get("quiet"));
    }

    @Test
    void retainedMessagesGreetNewSubscribersUntilCleared() {
        Conn pub = connect("pub", 4, true, 0, null);
        pub.send(new Publish("room/light", "on".getBytes(StandardCharsets.UTF_8), 1, true, false, 1));
        Conn sub = connect("sub", 4, true, 0, null);
        sub.got();
        sub.send(new Subscribe(2, List.of(Subscription.of("room/+", 0))));
        List<MqttPacket> got = sub.got();
        assertEquals(new SubAck(2, List.of(0)), got.get(0), "the SUBACK comes first");
        Publish r = (Publish) got.get(1);
        assertTrue(r.retain());
        assertEquals(0, r.qos());
        pub.send(new Publish("room/light", new byte[0], 0, true, false, 0));
        assertEquals(0, broker.publishing.retainedCount(), "an empty retained message clears the topic");
    }

    @Test
    void aBrokenConnectionIsClosedAloneAndOthersCarryOn() {
        Conn stranger = clients.open();
        stranger.send(publish("t", "x", 0, 0));
        assertEquals(List.of(new Disconnect(ReasonCode.PROTOCOL_ERROR)), stranger.got(), "nothing before CONNECT");
        Conn sub = connect("sub", 5, true, 0, null);
        sub.send(new Subscribe(1, List.of(Subscription.of("t", 0), Subscription.of("a/#/b", 0), Subscription.of("$share/g/t", 0))));
        assertEquals(new SubAck(1, List.of(0, ReasonCode.TOPIC_FILTER_INVALID, ReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED)),
                sub.got().get(1));
        Conn bad = connect("bad", 5, true, 0, null);
        bad.send(publish("t/+", "x", 0, 0));
        assertTrue(bad.got().contains(new Disconnect(ReasonCode.TOPIC_NAME_INVALID)));
        // A CONNECT from a connected sender is that sender's new connection (a simulated client reconnecting).
        Conn twice = connect("twice", 4, false, Connect.NEVER_EXPIRES, null);
        twice.send(new Connect(4, "twice", false, 0, null, null, null, Connect.NEVER_EXPIRES));
        assertEquals(List.of(new ConnAck(false, 0, null), new ConnAck(true, 0, null)), twice.got());
        Conn pub = connect("pub", 5, true, 0, null);
        pub.send(publish("t", "still here", 0, 0));
        assertEquals("still here", text(sub.got().get(0)));
    }

    private void fire(String name) {
        TimerId timer = ctx.timers.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        ctx.timers.remove(timer);
        broker.onTimer(ctx, timer);
    }
}
