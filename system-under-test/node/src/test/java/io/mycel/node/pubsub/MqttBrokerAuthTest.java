package io.mycel.node.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.NodeId;
import io.mycel.node.api.TimerId;
import io.mycel.node.pubsub.BrokerConnections.Conn;
import io.mycel.node.pubsub.MqttPacket.Ack;
import io.mycel.node.pubsub.MqttPacket.AckKind;
import io.mycel.node.pubsub.MqttPacket.ConnAck;
import io.mycel.node.pubsub.MqttPacket.Connect;
import io.mycel.node.pubsub.MqttPacket.Disconnect;
import io.mycel.node.pubsub.MqttPacket.Publish;
import io.mycel.node.pubsub.MqttPacket.SubAck;
import io.mycel.node.pubsub.MqttPacket.Subscribe;
import io.mycel.node.pubsub.MqttPacket.Subscription;
import io.mycel.node.pubsub.MqttPacket.Will;
import io.mycel.node.pubsub.auth.AclFile;
import io.mycel.node.pubsub.auth.AuthResult;
import io.mycel.node.pubsub.auth.MqttAuthenticator;
import io.mycel.node.pubsub.auth.Principal;
import io.mycel.node.pubsub.auth.TopicAcl;
import io.mycel.node.testing.FakeContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The broker under an authenticator: refused CONNECTs, topic rules on publish, subscribe, delivery
 * and wills, sessions that belong to one identity, and connections that end when credentials expire.
 * The stand-in authenticator takes the password "pw-" + user name and gives each user the rules of
 * one ACL file, so the broker's side is tested apart from any plugin.
 */
class MqttBrokerAuthTest {

    private static final AclFile ACL = AclFile.parse("acl", List.of(
            "user alice",
            "topic readwrite sensors/alice/#",
            "topic read sensors/#",
            "topic deny sensors/bob/private",
            "user bob",
            "topic readwrite sensors/bob/#",
            "topic write alerts/bob"));

    /** Alice's credentials expire 60 s after the start. */
    private static final MqttAuthenticator AUTH = (c, now) -> {
        if (c.username() == null || c.password() == null
                || !new String(c.password(), StandardCharsets.UTF_8).equals("pw-" + c.username())) {
            return new AuthResult.Refused(ReasonCode.BAD_USERNAME_OR_PASSWORD, "wrong");
        }
        Principal p = new Principal(c.username(), ACL.forClient(c.username(), c.clientId()));
        return c.username().equals("alice") ? new AuthResult.Allowed(p, 60_000_000L) : AuthResult.allow(p);
    };

    private final BrokerConnections clients = new BrokerConnections(new MqttBroker(BrokerLimits.of(8, 8), AUTH));
    private final FakeContext ctx = clients.ctx;
    private final MqttBroker broker = clients.broker;

    private Conn connect(String clientId, String user, String password, int version, boolean clean, Will will) {
        Conn c = clients.open();
        c.send(new Connect(version, clientId, clean, 0, user, password == null ? null : password.getBytes(StandardCharsets.UTF_8), will,
                clean ? 0 : Connect.NEVER_EXPIRES));
        return c;
    }

    private static Publish publish(String topic, int qos, int id) {
        return new Publish(topic, topic.getBytes(StandardCharsets.UTF_8), qos, false, false, id);
    }

    private static List<String> topics(List<MqttPacket> packets) {
        return packets.stream().filter(p -> p instanceof Publish).map(p -> ((Publish) p).topic()).toList();
    }

    @Test
    void wrongCredentialsAreRefusedWithTheirReasonAndNoSessionIsMade() {
        Conn c = connect("x", "alice", "nope", 5, true, null);
        assertEquals(List.of(new ConnAck(false, ReasonCode.BAD_USERNAME_OR_PASSWORD, null), new Disconnect(ReasonCode.BAD_USERNAME_OR_PASSWORD)),
                c.got());
        assertEquals(0, broker.sessions.size());
        Conn anonymous = connect("y", null, null, 4, true, null);
        assertEquals(new ConnAck(false, ReasonCode.BAD_USERNAME_OR_PASSWORD, null), anonymous.got().get(0));
        assertTrue(ctx.notes.stream().anyMatch(n -> n.contains("mqtt-auth-refused")), ctx.notes.toString());
    }

    @Test
    void topicRulesGovernPublishSubscribeAndDelivery() {
        Conn alice = connect("a", "alice", "pw-alice", 5, true, null);
        Conn bob = connect("b", "bob", "pw-bob", 4, true, null);
        alice.got();
        bob.got();
        alice.send(new Subscribe(1, List.of(Subscription.of("sensors/#", 1), Subscription.of("#", 1), Subscription.of("alerts/bob", 0))));
        assertEquals(List.of(new SubAck(1, List.of(1, ReasonCode.NOT_AUTHORIZED, ReasonCode.NOT_AUTHORIZED))), alice.got(),
                "MQTT 5 hears why");
        bob.send(new Subscribe(1, List.of(Subscription.of("sensors/#", 1))));
        assertEquals(List.of(new SubAck(1, List.of(ReasonCode.UNSPECIFIED_ERROR))), bob.got(), "3.1.1 has one failure code");
        bob.send(new Subscribe(2, List.of(Subscription.of("sensors/bob/+", 1))));
        bob.got();

        bob.send(publish("sensors/bob/temp", 1, 10));
        bob.send(publish("sensors/bob/private", 1, 11));
        bob.send(publish("sensors/alice/temp", 1, 12));   // not bob's to write
        bob.send(publish("alerts/bob", 2, 13));
        assertEquals(List.of(new Ack(AckKind.PUBACK, 10, 0), new Ack(AckKind.PUBACK, 11, 0), new Ack(AckKind.PUBACK, 12, 0),
                new Ack(AckKind.PUBREC, 13, 0)), bob.got().stream().filter(p -> p instanceof Ack).toList(),
                "3.1.1: a refused publish is acknowledged as usual, as Mosquitto does");
        bob.send(new Ack(AckKind.PUBREL, 13, 0));
        assertEquals(List.of(new Ack(AckKind.PUBCOMP, 13, 0)), bob.got());
        assertEquals(List.of("sensors/bob/temp"), topics(alice.got()),
                "alice reads sensors/# but is denied bob's private topic; bob's write to alice's topic went nowhere");

        alice.send(publish("sensors/bob/temp", 1, 20));
        alice.send(publish("sensors/alice/temp", 2, 21));
        alice.send(publish("sensors/bob/x", 0, 0));
        List<MqttPacket> acks = alice.got().stream().filter(p -> p instanceof Ack).toList();
        assertEquals(List.of(new Ack(AckKind.PUBACK, 20, ReasonCode.NOT_AUTHORIZED), new Ack(AckKind.PUBREC, 21, 0)), acks,
                "MQTT 5 hears why in the PUBACK");
        assertEquals(List.of(), topics(bob.got()), "nothing alice was refused reached bob");
        assertTrue(ctx.notes.stream().anyMatch(n -> n.contains("mqtt-denied") && n.contains("publish sensors/bob/temp")));
    }

    @Test
    void aSessionBelongsToTheIdentityThatMadeIt() {
        Conn alice = connect("phone", "alice", "pw-alice", 5, false, null);
        alice.send(new Subscribe(1, List.of(Subscription.of("sensors/#", 1))));
        alice.send(new MqttPacket.Disconnect(ReasonCode.SUCCESS));
        Conn bob = connect("b", "bob", "pw-bob", 5, true, null);
        bob.send(publish("sensors/bob/temp", 1, 1));   // queued in alice's session
        Conn thief = connect("phone", "bob", "pw-bob", 5, false, null);
        assertEquals(List.of(new ConnAck(false, ReasonCode.NOT_AUTHORIZED, null), new Disconnect(ReasonCode.NOT_AUTHORIZED)), thief.got());
        Conn back = connect("phone", "alice", "pw-alice", 5, false, null);
        List<MqttPacket> got = back.got();
        assertEquals(new ConnAck(true, ReasonCode.SUCCESS, null), got.get(0));
        assertEquals(List.of("sensors/bob/temp"), topics(got), "alice's queued message waited for her");
    }

    @Test
    void aConnectionEndsWhenItsCredentialsExpireAndItsWillMayGoOnlyWhereTheClientMayWrite() {
        Conn watcher = connect("w", "alice", "pw-alice", 5, true, null);
        watcher.send(new Subscribe(1, List.of(Subscription.of("sensors/#", 0))));
        watcher.got();
        Conn dev = connect("dev", "alice", "pw-alice", 5, true,
                new Will("sensors/alice/status", "gone".getBytes(StandardCharsets.UTF_8), 0, false));
        Conn liar = connect("liar", "bob", "pw-bob", 5, true,
                new Will("sensors/alice/status", "forged".getBytes(StandardCharsets.UTF_8), 0, false));
        liar.send(new MqttPacket.ConnectionLost());
        assertEquals(List.of(), topics(watcher.got()), "bob may not write alice's status, not even as a will");
        TimerId expiry = ctx.timers.stream().filter(t -> t.name().equals("mqtt-auth-expiry/dev")).findFirst().orElseThrow();
        ctx.advance(60_000_000L);
        broker.onTimer(ctx, expiry);
        assertEquals(new Disconnect(ReasonCode.MAXIMUM_CONNECT_TIME), dev.got().get(1));
        assertEquals(List.of("sensors/alice/status"), topics(watcher.got()), "an expired connection's will goes out");
        assertTrue(ctx.notes.stream().anyMatch(n -> n.contains("mqtt-auth-expired")));
    }
}
