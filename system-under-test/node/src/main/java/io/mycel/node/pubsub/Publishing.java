package io.mycel.node.pubsub;

import io.mycel.node.api.NodeContext;
import io.mycel.node.pubsub.MqttPacket.Ack;
import io.mycel.node.pubsub.MqttPacket.AckKind;
import io.mycel.node.pubsub.MqttPacket.Publish;
import io.mycel.node.pubsub.MqttPacket.SubAck;
import io.mycel.node.pubsub.MqttPacket.Subscribe;
import io.mycel.node.pubsub.MqttPacket.Subscription;
import io.mycel.node.pubsub.MqttPacket.UnsubAck;
import io.mycel.node.pubsub.MqttPacket.Unsubscribe;
import io.mycel.node.pubsub.MqttPacket.Will;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The broker's publish and subscribe side: a client's PUBLISH (QoS 0, 1 and 2, with MQTT's
 * acknowledgements), retained messages, SUBSCRIBE and UNSUBSCRIBE, and routing a message to every
 * session with a matching subscription at the lower of the two QoS levels.
 *
 * <p>An incoming QoS 2 message is delivered when its PUBLISH first arrives and its packet id is then
 * held until the client's PUBREL, so a PUBLISH the client sends again (after a reconnect, say) is
 * acknowledged but not delivered twice: exactly once, as long as the session lives.
 */
final class Publishing {

    private final MqttBroker broker;
    private final SubscriptionTable table = new SubscriptionTable();
    private final TreeMap<String, Publish> retained = new TreeMap<>();
    private long dropped;

    Publishing(MqttBroker broker) {
        this.broker = broker;
    }

    void fromClient(NodeContext ctx, MqttSession session, Publish p) {
        if (!Topics.validName(p.topic())) {
            broker.close(ctx, session, ReasonCode.TOPIC_NAME_INVALID, true);
            return;
        }
        if (!broker.auth.mayPublish(session.principal, p.topic())) {
            refusePublish(ctx, session, p);
            return;
        }
        switch (p.qos()) {
            case 0 -> route(ctx, session, p);
            case 1 -> {
                int matched = route(ctx, session, p);
                ctx.send(session.connection, new Ack(AckKind.PUBACK, p.packetId(), reason(session, matched)));
            }
            default -> {
                // A resend of a message delivered already is acknowledged again, not delivered again.
                int matched = session.awaitingRelease.add(p.packetId()) ? route(ctx, session, p) : 1;
                ctx.send(session.connection, new Ack(AckKind.PUBREC, p.packetId(), reason(session, matched)));
            }
        }
    }

    /**
     * A publish the client may not make is not routed. MQTT 5 says so in the acknowledgement (and
     * a QoS 2 flow ends at its PUBREC); 3.1.1 has no way to, so the flow completes as usual, the
     * message unrouted, as Mosquitto does.
     */
    private void refusePublish(NodeContext ctx, MqttSession session, Publish p) {
        ctx.emit("mqtt-denied", session.clientId + " (" + session.principal.name() + ") publish " + p.topic());
        boolean v5 = session.protocolVersion == MqttPacket.V5;
        int reason = v5 ? ReasonCode.NOT_AUTHORIZED : ReasonCode.SUCCESS;
        if (p.qos() == 1) {
            ctx.send(session.connection, new Ack(AckKind.PUBACK, p.packetId(), reason));
        } else if (p.qos() == 2) {
            if (!v5) {
                session.awaitingRelease.add(p.packetId());   // so its PUBREL completes the flow
            }
            ctx.send(session.connection, new Ack(AckKind.PUBREC, p.packetId(), reason));
        }
    }

    /** A will goes out as the client's last publish, if the client may publish there. */
    void will(NodeContext ctx, MqttSession session, Will will) {
        if (!broker.auth.mayPublish(session.principal, will.topic())) {
            ctx.emit("mqtt-denied", session.clientId + " (" + session.principal.name() + ") will " + will.topic());
            return;
        }
        ctx.emit("mqtt-will", session.clientId + " " + will.topic());
        route(ctx, session, new Publish(will.topic(), will.payload(), will.qos(), will.retain(), false, 0));
    }

    void subscribe(NodeContext ctx, MqttSession session, Subscribe s) {
        List<Integer> codes = new ArrayList<>(s.subscriptions().size());
        List<Subscription> withRetained = new ArrayList<>(1);
        for (Subscription sub : s.subscriptions()) {
            String filter = sub.filter();
            if (Topics.shared(filter)) {
                codes.add(failure(session, ReasonCode.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED));
                continue;
            }
            if (!Topics.validFilter(filter)) {
                codes.add(failure(session, ReasonCode.TOPIC_FILTER_INVALID));
                continue;
            }
            if (!broker.auth.maySubscribe(session.principal, filter)) {
                ctx.emit("mqtt-denied", session.clientId + " (" + session.principal.name() + ") subscribe " + filter);
                codes.add(failure(session, ReasonCode.NOT_AUTHORIZED));
                continue;
            }
            Subscription before = session.subscriptions.put(filter, sub);
            boolean fresh = before == null;
            table.add(session.clientId, sub);
            codes.add(sub.qos());
            if (sub.retainHandling() == 0 || (sub.retainHandling() == 1 && fresh)) {
                withRetained.add(sub);
            }
        }
        // Retained messages after the SUBACK: the client learns of its subscription first.
        ctx.send(session.connection, new SubAck(s.packetId(), codes));
        broker.cluster.localFiltersChanged(ctx, table.filtersWithQos());
        for (Subscription sub : withRetained) {
            for (Map.Entry<String, Publish> e : retained.entrySet()) {
                if (Topics.matches(sub.filter(), e.getKey()) && mayReceive(session, e.getKey())) {
                    Publish r = e.getValue();
                    deliver(ctx, session, r.with(Math.min(r.qos(), sub.qos()), true, false, 0));
                }
            }
        }
    }

    void unsubscribe(NodeContext ctx, MqttSession session, Unsubscribe u) {
        List<Integer> codes = new ArrayList<>(u.filters().size());
        for (String filter : u.filters()) {
            boolean had = session.subscriptions.remove(filter) != null;
            if (had) {
                table.remove(session.clientId, filter);
            }
            codes.add(had ? ReasonCode.SUCCESS : ReasonCode.NO_SUBSCRIPTION_EXISTED);
        }
        ctx.send(session.connection, new UnsubAck(u.packetId(), codes));
        broker.cluster.localFiltersChanged(ctx, table.filtersWithQos());
    }

    /** A session ended: its subscriptions go. */
    void forget(NodeContext ctx, MqttSession session) {
        for (String filter : session.subscriptions.keySet()) {
            table.remove(session.clientId, filter);
        }
        broker.cluster.localFiltersChanged(ctx, table.filtersWithQos());
    }

    /** A message another broker forwarded for the subscribers here. */
    void fromPeer(NodeContext ctx, Publish p) {
        if (Topics.validName(p.topic())) {   // a peer runs the same checks, but bytes from outside are never trusted
            routeLocally(ctx, null, p);
        }
    }

    /** Messages dropped for full queues or absent QoS 0 subscribers, since start. */
    long dropped() {
        return dropped;
    }

    int retainedCount() {
        return retained.size();
    }

    /**
     * Delivers {@code p}, published by a client here, to every matching subscriber here and
     * forwards it to the brokers with matching subscribers; returns how many local ones matched.
     */
    private int route(NodeContext ctx, MqttSession from, Publish p) {
        broker.cluster.forward(ctx, p);
        return routeLocally(ctx, from, p);
    }

    /** Stores or clears a retained message, then delivers {@code p} to every match here; returns how many matched. */
    private int routeLocally(NodeContext ctx, MqttSession from, Publish p) {
        if (p.retain()) {
            if (p.payload().length == 0) {
                retained.remove(p.topic());   // an empty retained message clears the topic
            } else {
                retained.put(p.topic(), p.with(p.qos(), true, false, 0));
            }
        }
        TreeMap<String, Subscription> matches = table.matching(p.topic());
        for (Map.Entry<String, Subscription> e : matches.entrySet()) {
            Subscription sub = e.getValue();
            MqttSession to = broker.sessions.get(e.getKey());
            if (to == null || (sub.noLocal() && to == from) || !mayReceive(to, p.topic())) {
                continue;
            }
            deliver(ctx, to, p.with(Math.min(p.qos(), sub.qos()), sub.retainAsPublished() && p.retain(), false, 0));
        }
        return matches.size();
    }

    /** Asks the authenticator only for clients whose rules can refuse a message they subscribed to. */
    private boolean mayReceive(MqttSession to, String topic) {
        return !broker.auth.checksEachMessage(to.principal) || broker.auth.mayReceive(to.principal, topic);
    }

    private void deliver(NodeContext ctx, MqttSession to, Publish message) {
        if (!to.deliver(ctx, message, broker.limits)) {
            dropped++;
        }
    }

    /** MQTT 5 says when nobody was subscribed; 3.1.1 acknowledgements carry no reason. */
    private static int reason(MqttSession session, int matched) {
        return matched == 0 && session.protocolVersion == MqttPacket.V5 ? ReasonCode.NO_MATCHING_SUBSCRIBERS : ReasonCode.SUCCESS;
    }

    /** A refused subscription: MQTT 5 says why, 3.1.1 has one code for every failure. */
    private static int failure(MqttSession session, int reason) {
        return session.protocolVersion == MqttPacket.V5 ? reason : ReasonCode.UNSPECIFIED_ERROR;
    }
}
