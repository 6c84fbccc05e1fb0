package io.mycel.node.pubsub;

import io.mycel.node.api.ClientAdapter;
import io.mycel.node.api.ClientCall;
import io.mycel.node.api.ClientReply;
import io.mycel.node.api.ClientSession;
import io.mycel.node.api.Message;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.RandomSource;
import io.mycel.node.pubsub.MqttPacket.Ack;
import io.mycel.node.pubsub.MqttPacket.AckKind;
import io.mycel.node.pubsub.MqttPacket.Connect;
import io.mycel.node.pubsub.MqttPacket.Publish;
import io.mycel.node.pubsub.MqttPacket.Subscribe;
import io.mycel.node.pubsub.MqttPacket.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The client side of the mqtt program for scenario workloads: each workload client is an MQTT 5
 * client with a persistent session that subscribes to one filter when it starts (at QoS 0, 1 or 2 by
 * its number, so a run mixes them and downgrades show) and then publishes
 * at QoS 0, 1 or 2 as the mix says ({@code publish-qos0}, {@code publish-qos1},
 * {@code publish-qos2}) to one of the workload's topics. It plays MQTT's flows (PUBREL after
 * PUBREC; PUBACK, or PUBREC then PUBCOMP, for what it is sent; each QoS 2 message taken once) and
 * records in the history what a delivery check needs:
 * <ul>
 *   <li>{@code publish-qosN} with [message id, topic, QoS], ok once acknowledged (QoS 0 at once);
 *   <li>{@code subscribed} with [filter, QoS granted, client] when the SUBACK comes;
 *   <li>{@code receive} with [message id, topic, QoS, client] for each message handed to it.
 * </ul>
 * When the broker closes the connection (it restarted and lost the session, say) the client
 * connects and subscribes again.
 */
final class MqttWorkload implements ClientAdapter {

    static final String SUBSCRIBED = "subscribed";
    static final String RECEIVE = "receive";
    private static final List<String> OPERATIONS = List.of("publish-qos0", "publish-qos1", "publish-qos2");

    private final int topics;
    private final String filter;

    MqttWorkload(int topics, String filter) {
        this.topics = topics;
        this.filter = filter;
    }

    /** QoS 0, 1 or 2 by the client's number ({@code @c4}: 4 mod 3), 2 for a name without one. */
    static int filterQos(String clientId) {
        String digits = clientId.replaceAll("[^0-9]", "");
        return digits.isEmpty() || digits.length() > 9 ? 2 : Integer.parseInt(digits) % 3;
    }

    @Override
    public List<String> operations() {
        return OPERATIONS;
    }

    @Override
    public String readOperation() {
        return null;
    }

    @Override
    public ClientCall call(String operation, long requestId, RandomSource random) {
        throw new IllegalStateException("an MQTT client needs its session");
    }

    @Override
    public ClientReply reply(Message message) {
        return null;
    }

    @Override
    public ClientSession newSession() {
        return new Session();
    }

    private final class Session implements ClientSession {
        private String clientId = "";
        /** Own QoS 1 and 2 publishes not yet acknowledged: packet id to request id. */
        private final TreeMap<Integer, Long> pending = new TreeMap<>();
        /** Inbound QoS 2 packet ids taken and not yet released. */
        private final TreeSet<Integer> awaitingRelease = new TreeSet<>();

        @Override
        public List<Message> opening(NodeId self) {
            clientId = self.name();
            return open();
        }

        private List<Message> open() {
            return List.of(new Connect(MqttPacket.V5, clientId, false, 0, null, null, null, Connect.NEVER_EXPIRES),
                    new Subscribe(1, List.of(Subscription.of(filter, filterQos(clientId)))));
        }

        @Override
        public ClientCall call(String operation, long requestId, RandomSource random) {
            int qos = OPERATIONS.indexOf(operation);
            if (qos < 0) {
                throw new IllegalArgumentException("no MQTT operation " + operation);
            }
            String topic = "mesh/" + random.nextInt(topics);
            String id = clientId + "-" + requestId;
            int packetId = qos == 0 ? 0 : (int) ((requestId - 1) % 0xFFFF) + 1;
            Publish p = new Publish(topic, id.getBytes(StandardCharsets.UTF_8), qos, false, false, packetId);
            List<Object> value = List.of(id, topic, (long) qos);
            if (qos == 0) {
                return ClientCall.oneWay(p, value);
            }
            pending.put(packetId, requestId);
            return new ClientCall(p, value);
        }

        @Override
        public ClientReply reply(Message message) {
            if (message instanceof Ack a && (a.kind() == AckKind.PUBACK || a.kind() == AckKind.PUBCOMP)) {
                Long request = pending.remove(a.packetId());
                return request == null ? null : new ClientReply(request, !ReasonCode.failed(a.reasonCode()), null);
            }
            return null;
        }

        @Override
        public Unsolicited unsolicited(Message message) {
            if (message instanceof Publish p) {
                String id = new String(p.payload(), StandardCharsets.UTF_8);
                List<Observed> seen = List.of(new Observed(RECEIVE, List.of(id, p.topic(), (long) p.qos(), clientId)));
                return switch (p.qos()) {
                    case 0 -> new Unsolicited(List.of(), seen);
                    case 1 -> new Unsolicited(List.of(new Ack(AckKind.PUBACK, p.packetId(), 0)), seen);
                    default -> new Unsolicited(List.of(new Ack(AckKind.PUBREC, p.packetId(), 0)),
                            awaitingRelease.add(p.packetId()) ? seen : List.of());
                };
            }
            if (message instanceof Ack a && a.kind() == AckKind.PUBREC) {
                return new Unsolicited(List.of(new Ack(AckKind.PUBREL, a.packetId(), 0)), List.of());
            }
            if (message instanceof Ack a && a.kind() == AckKind.PUBREL) {
                awaitingRelease.remove(a.packetId());
                return new Unsolicited(List.of(new Ack(AckKind.PUBCOMP, a.packetId(), 0)), List.of());
            }
            if (message instanceof MqttPacket.SubAck s) {
                return new Unsolicited(List.of(), List.of(new Observed(SUBSCRIBED, List.of(filter, (long) s.reasonCodes().get(0), clientId))));
            }
            if (message instanceof MqttPacket.ConnAck c && !c.sessionPresent()) {
                awaitingRelease.clear();   // the broker has no session (it restarted): MQTT's client forgets its half too
                return Unsolicited.NONE;
            }
            if (message instanceof MqttPacket.Disconnect) {
                // The broker lost this client's connection (it restarted, say): connect and subscribe again. What
                // the client keeps of its session (QoS 2 ids awaiting release) stays, so exactly once holds.
                return new Unsolicited(open(), List.of());
            }
            return Unsolicited.NONE;
        }
    }
}
