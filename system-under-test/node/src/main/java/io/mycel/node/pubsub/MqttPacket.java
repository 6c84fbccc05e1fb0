package io.mycel.node.pubsub;

import io.mycel.node.api.Message;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * MQTT control packets as the broker's state machines see them, for versions 3.1.1 (protocol level
 * 4) and 5. The wire format is not here: the real runtime translates Netty's MQTT codec to and from
 * these records, and the simulator carries them with {@link MqttCodec}, so the broker's logic is the
 * same in both. Fields that only MQTT 5 has are zero or empty for 3.1.1 clients.
 *
 * <p>Two records are not MQTT packets: {@link ConnectionLost}, which a host sends the broker when a
 * client's connection ended without a DISCONNECT (so the broker publishes its will), and the
 * broker's {@link Disconnect} to a 3.1.1 client, which the host carries out by closing the
 * connection (that version has no server DISCONNECT).
 */
public sealed interface MqttPacket extends Message {

    /** MQTT 3.1.1's protocol level. */
    int V311 = 4;
    /** MQTT 5's protocol level. */
    int V5 = 5;

    /** A message a client asks the broker to publish on its behalf if it goes away unannounced. */
    record Will(String topic, byte[] payload, int qos, boolean retain) {
        public Will {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        @Override
        public String toString() {
            return "Will[" + topic + " " + HexFormat.of().formatHex(payload) + " qos" + qos + (retain ? " retain" : "") + "]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Will w && topic.equals(w.topic) && Arrays.equals(payload, w.payload) && qos == w.qos
                    && retain == w.retain;
        }

        @Override
        public int hashCode() {
            return topic.hashCode() * 31 + Arrays.hashCode(payload);
        }
    }

    /**
     * @param sessionExpirySeconds MQTT 5: how long the session outlives the connection (0: it ends with
     *     it; {@link #NEVER_EXPIRES}: never). For 3.1.1 the host passes 0 for a clean session and
     *     {@link #NEVER_EXPIRES} for a persistent one, which is what 3.1.1 means by them.
     * @param password null when the client sent none
     */
    record Connect(int protocolVersion, String clientId, boolean cleanStart, int keepAliveSeconds, String username,
                   byte[] password, Will will, long sessionExpirySeconds) implements MqttPacket {
        public static final long NEVER_EXPIRES = 0xFFFF_FFFFL;

        public Connect {
            password = password == null ? null : password.clone();
        }

        @Override
        public byte[] password() {
            return password == null ? null : password.clone();
        }

        @Override
        public String toString() {
            // The password never goes into a trace.
            return "Connect[v" + protocolVersion + " " + clientId + (cleanStart ? " clean" : "") + " keepalive " + keepAliveSeconds
                    + "s" + (username == null ? "" : " user " + username) + (will == null ? "" : " " + will) + " expiry "
                    + sessionExpirySeconds + "s]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Connect c && protocolVersion == c.protocolVersion && clientId.equals(c.clientId)
                    && cleanStart == c.cleanStart && keepAliveSeconds == c.keepAliveSeconds
                    && java.util.Objects.equals(username, c.username) && Arrays.equals(password, c.password)
                    && java.util.Objects.equals(will, c.will) && sessionExpirySeconds == c.sessionExpirySeconds;
        }

        @Override
        public int hashCode() {
            return clientId.hashCode();
        }
    }

    /** @param assignedClientId MQTT 5: the id the broker chose for a client that sent an empty one, else null */
    record ConnAck(boolean sessionPresent, int reasonCode, String assignedClientId) implements MqttPacket {
    }

    /**
     * @param payload shared, never copied: a publish fans out to many subscribers, so nobody may
     *     change the array once it is in a packet
     * @param packetId 0 for QoS 0
     */
    record Publish(String topic, byte[] payload, int qos, boolean retain, boolean dup, int packetId) implements MqttPacket {

        /** The same message with other delivery fields, sharing the payload. */
        Publish with(int newQos, boolean newRetain, boolean newDup, int newPacketId) {
            return new Publish(topic, payload, newQos, newRetain, newDup, newPacketId);
        }

        @Override
        public String toString() {
            return "Publish[" + topic + " " + HexFormat.of().formatHex(payload) + " qos" + qos + (retain ? " retain" : "")
                    + (dup ? " dup" : "") + (packetId == 0 ? "" : " id " + packetId) + "]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Publish p && topic.equals(p.topic) && Arrays.equals(payload, p.payload) && qos == p.qos
                    && retain == p.retain && dup == p.dup && packetId == p.packetId;
        }

        @Override
        public int hashCode() {
            return topic.hashCode() * 31 + packetId;
        }
    }

    /** The four acknowledgements of the QoS 1 and 2 flows, which share one shape. */
    enum AckKind { PUBACK, PUBREC, PUBREL, PUBCOMP }

    record Ack(AckKind kind, int packetId, int reasonCode) implements MqttPacket {
        @Override
        public String typeName() {
            return kind.name();
        }
    }

    /**
     * One topic filter of a SUBSCRIBE, with MQTT 5's options (3.1.1 clients always send the defaults:
     * false, false, 0).
     *
     * @param retainHandling 0: send retained messages at subscribe; 1: only if the subscription is new; 2: never
     */
    record Subscription(String filter, int qos, boolean noLocal, boolean retainAsPublished, int retainHandling) {
        public static Subscription of(String filter, int qos) {
            return new Subscription(filter, qos, false, false, 0);
        }
    }

    record Subscribe(int packetId, List<Subscription> subscriptions) implements MqttPacket {
        public Subscribe {
            subscriptions = List.copyOf(subscriptions);
        }
    }

    /** @param reasonCodes one per filter: the QoS granted, or a failure code (0x80 and up) */
    record SubAck(int packetId, List<Integer> reasonCodes) implements MqttPacket {
        public SubAck {
            reasonCodes = List.copyOf(reasonCodes);
        }
    }

    record Unsubscribe(int packetId, List<String> filters) implements MqttPacket {
        public Unsubscribe {
            filters = List.copyOf(filters);
        }
    }

    record UnsubAck(int packetId, List<Integer> reasonCodes) implements MqttPacket {
        public UnsubAck {
            reasonCodes = List.copyOf(reasonCodes);
        }
    }

    record PingReq() implements MqttPacket {
    }

    record PingResp() implements MqttPacket {
    }

    /**
     * From a client: it leaves (reason 0 drops its will, {@link ReasonCode#DISCONNECT_WITH_WILL}
     * publishes it). From the broker: the connection is being closed, for this reason.
     */
    record Disconnect(int reasonCode) implements MqttPacket {
    }

    /** Not an MQTT packet: the host saw the client's connection end (or break) without a DISCONNECT. */
    record ConnectionLost() implements MqttPacket {
    }
}
