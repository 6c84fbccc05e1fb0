package io.mycel.node.pubsub;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.TimerId;
import io.mycel.node.pubsub.MqttPacket.Ack;
import io.mycel.node.pubsub.MqttPacket.AckKind;
import io.mycel.node.pubsub.MqttPacket.Connect;
import io.mycel.node.pubsub.MqttPacket.Publish;
import io.mycel.node.pubsub.MqttPacket.Subscribe;
import io.mycel.node.pubsub.MqttPacket.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A scripted MQTT client in the simulator, speaking the client side of MQTT's flows: it connects
 * with a persistent session, subscribes, publishes at given times, acknowledges what it is sent
 * (QoS 2 with PUBREC, then PUBCOMP on PUBREL, taking each message once) and records what arrived and
 * which of its own publishes the broker acknowledged.
 */
final class SimMqttClient implements Process {

    /** A publish to make at a time. */
    record Planned(long atMicros, String topic, String text, int qos) {
    }

    private final NodeId broker;
    private final String clientId;
    private final List<Subscription> subscriptions;
    private final List<Planned> plan;
    /** Texts received, in order, duplicates included. */
    final List<String> received = new ArrayList<>();
    /** Texts of own publishes the broker acknowledged (PUBACK, or PUBCOMP for QoS 2). */
    final TreeSet<String> acknowledged = new TreeSet<>();
    private final TreeSet<Integer> awaitingRelease = new TreeSet<>();
    private final java.util.TreeMap<Integer, String> sentById = new java.util.TreeMap<>();
    private int next;

    SimMqttClient(NodeId broker, String clientId, List<Subscription> subscriptions, List<Planned> plan) {
        this.broker = broker;
        this.clientId = clientId;
        this.subscriptions = subscriptions;
        this.plan = plan;
    }

    @Override
    public void onStart(NodeContext ctx) {
        ctx.send(broker, new Connect(MqttPacket.V5, clientId, false, 0, null, null, null, Connect.NEVER_EXPIRES));
        if (!subscriptions.isEmpty()) {
            ctx.send(broker, new Subscribe(1, subscriptions));
        }
        if (!plan.isEmpty()) {
            ctx.setTimer("publish", plan.get(0).atMicros() - ctx.nowMicros());
        }
    }

    @Override
    public void onTimer(NodeContext ctx, TimerId timer) {
        Planned p = plan.get(next);
        int id = p.qos() == 0 ? 0 : next + 1;
        sentById.put(id, p.text());
        ctx.send(broker, new Publish(p.topic(), p.text().getBytes(StandardCharsets.UTF_8), p.qos(), false, false, id));
        next++;
        if (next < plan.size()) {
            ctx.setTimer("publish", Math.max(0, plan.get(next).atMicros() - ctx.nowMicros()));
        }
    }

    @Override
    public void onMessage(NodeContext ctx, NodeId from, Message message) {
        if (message instanceof Publish p) {
            String text = new String(p.payload(), StandardCharsets.UTF_8);
            switch (p.qos()) {
                case 0 -> received.add(text);
                case 1 -> {
                    received.add(text);
                    ctx.send(broker, new Ack(AckKind.PUBACK, p.packetId(), 0));
                }
                default -> {
                    if (awaitingRelease.add(p.packetId())) {
                        received.add(text);
                    }
                    ctx.send(broker, new Ack(AckKind.PUBREC, p.packetId(), 0));
                }
            }
        } else if (message instanceof Ack a) {
            switch (a.kind()) {
                case PUBACK, PUBCOMP -> acknowledged.add(sentById.get(a.packetId()));
                case PUBREC -> ctx.send(broker, new Ack(AckKind.PUBREL, a.packetId(), 0));
                case PUBREL -> {
                    awaitingRelease.remove(a.packetId());
                    ctx.send(broker, new Ack(AckKind.PUBCOMP, a.packetId(), 0));
                }
                default -> throw new IllegalStateException("unexpected " + a);
            }
        }
    }
}
