package io.mycel.node.pubsub;

import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.TimerId;
import io.mycel.node.pubsub.MqttPacket.Ack;
import io.mycel.node.pubsub.MqttPacket.AckKind;
import io.mycel.node.pubsub.MqttPacket.Publish;
import io.mycel.node.pubsub.MqttPacket.Subscription;
import io.mycel.node.pubsub.MqttPacket.Will;
import io.mycel.node.pubsub.auth.Principal;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the broker keeps for one client id, connected or not: its subscriptions, the QoS 1 and 2
 * messages on their way to it (each under a packet id until acknowledged), the messages queued for
 * it while it is away or its in-flight window is full, and the ids of its own QoS 2 publishes that
 * await their PUBREL (so a resent PUBLISH is not delivered twice). A session outlives its
 * connection for the expiry the client asked.
 *
 * <p>The outbound flows are MQTT's: QoS 1 is PUBLISH then PUBACK; QoS 2 is PUBLISH, PUBREC, then
 * the broker's PUBREL and the client's PUBCOMP. When a client comes back to its session, every
 * PUBLISH not yet acknowledged is sent again marked as a duplicate, and every PUBREL not yet
 * completed is sent again, before anything new.
 */
final class MqttSession {

    /** One message on its way to the client; {@code released} once PUBREC came and PUBREL went. */
    private record Outgoing(Publish publish, boolean released) {
    }

    final String clientId;
    final TreeMap<String, Subscription> subscriptions = new TreeMap<>();
    /** Inbound QoS 2 packet ids that were delivered and await the client's PUBREL. */
    final TreeSet<Integer> awaitingRelease = new TreeSet<>();
    private final LinkedHashMap<Integer, Outgoing> inflight = new LinkedHashMap<>();
    private final ArrayDeque<Publish> queued = new ArrayDeque<>();
    private int nextPacketId = 1;

    NodeId connection;
    int protocolVersion;
    int keepAliveSeconds;
    Will will;
    long expirySeconds;
    long lastHeardMicros;
    TimerId keepAliveTimer;
    TimerId expiryTimer;
    /** Ends the connection when the client's credentials expire (a token's exp), or null. */
    TimerId authTimer;
    /** Who the client proved to be when it last connected; the session is its alone. */
    Principal principal;

    MqttSession(String clientId) {
        this.clientId = clientId;
    }

    boolean connected() {
        return connection != null;
    }

    int inflight() {
        return inflight.size();
    }

    int queued() {
        return queued.size();
    }

    /**
     * Sends {@code message} at its QoS now if the client is connected and its window has room, else
     * queues it; false when it had to be dropped (QoS 0 to an absent client, or a full queue).
     */
    boolean deliver(NodeContext ctx, Publish message, BrokerLimits limits) {
        if (message.qos() == 0) {
            if (!connected()) {
                return false;   // MQTT lets a broker drop QoS 0 for an absent client, and this one does
            }
            ctx.send(connection, message);
            return true;
        }
        if (connected() && queued.isEmpty() && inflight.size() < limits.maxInflight()) {
            send(ctx, message);
            return true;
        }
        if (queued.size() >= limits.maxQueued()) {
            return false;
        }
        queued.add(message);
        return true;
    }

    /** The client acknowledged a QoS 1 message (PUBACK) or completed a QoS 2 one (PUBCOMP). */
    boolean acknowledged(NodeContext ctx, int packetId, AckKind kind, BrokerLimits limits) {
        Outgoing out = inflight.get(packetId);
        boolean expected = out != null && (kind == AckKind.PUBACK ? out.publish.qos() == 1 : out.publish.qos() == 2 && out.released);
        if (!expected) {
            return false;
        }
        inflight.remove(packetId);
        fill(ctx, limits);
        return true;
    }

    /** The client received a QoS 2 message (PUBREC): release it; false when no such message waits. */
    boolean received(NodeContext ctx, int packetId) {
        Outgoing out = inflight.get(packetId);
        boolean known = out != null && out.publish.qos() == 2;
        if (known && !out.released) {
            inflight.put(packetId, new Outgoing(out.publish, true));
        }
        ctx.send(connection, new Ack(AckKind.PUBREL, packetId, known ? ReasonCode.SUCCESS : ReasonCode.PACKET_ID_NOT_FOUND));
        return known;
    }

    /** The client is back: what it has not acknowledged goes again, then what waited. */
    void resume(NodeContext ctx, BrokerLimits limits) {
        for (Map.Entry<Integer, Outgoing> e : inflight.entrySet()) {
            Outgoing out = e.getValue();
            if (out.released) {
                ctx.send(connection, new Ack(AckKind.PUBREL, e.getKey(), ReasonCode.SUCCESS));
            } else {
                ctx.send(connection, out.publish.with(out.publish.qos(), out.publish.retain(), true, e.getKey()));
            }
        }
        fill(ctx, limits);
    }

    /** Forgets everything that was on its way (a clean start); the subscriptions go too. */
    void clear() {
        subscriptions.clear();
        awaitingRelease.clear();
        inflight.clear();
        queued.clear();
    }

    private void fill(NodeContext ctx, BrokerLimits limits) {
        while (connected() && !queued.isEmpty() && inflight.size() < limits.maxInflight()) {
            send(ctx, queued.poll());
        }
    }

    private void send(NodeContext ctx, Publish message) {
        int id = nextFreePacketId();
        Publish numbered = message.with(message.qos(), message.retain(), false, id);
        inflight.put(id, new Outgoing(numbered, false));
        ctx.send(connection, numbered);
    }

    private int nextFreePacketId() {
        // At most maxInflight ids are in use (far fewer than 65,535), so this ends quickly.
        while (inflight.containsKey(nextPacketId)) {
            nextPacketId = nextPacketId == 0xFFFF ? 1 : nextPacketId + 1;
        }
        int id = nextPacketId;
        nextPacketId = nextPacketId == 0xFFFF ? 1 : nextPacketId + 1;
        return id;
    }

    /** For tests and metrics: the packet ids on their way, in the order they were sent. */
    Iterator<Integer> inflightIds() {
        return inflight.keySet().iterator();
    }
}
