package io.mycel.node.runtime;

import io.mycel.node.pubsub.MqttPacket;
import io.mycel.node.pubsub.MqttPacket.Ack;
import io.mycel.node.pubsub.MqttPacket.AckKind;
import io.mycel.node.pubsub.MqttPacket.ConnAck;
import io.mycel.node.pubsub.MqttPacket.Connect;
import io.mycel.node.pubsub.MqttPacket.Publish;
import io.mycel.node.pubsub.MqttPacket.SubAck;
import io.mycel.node.pubsub.MqttPacket.Subscription;
import io.mycel.node.pubsub.MqttPacket.UnsubAck;
import io.mycel.node.pubsub.ReasonCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnAckVariableHeader;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Netty's MQTT messages (the standard wire format, decoded and encoded by Netty's codec) to and from
 * the broker's {@link MqttPacket}s. MQTT 5 properties the broker does not use are read past; the
 * ones it does are the session expiry interval (in) and the assigned client identifier (out).
 */
final class MqttWire {

    private MqttWire() {
    }

    /** The broker's packet for a decoded message; null for a type a client may not send. */
    static MqttPacket fromNetty(MqttMessage m) {
        MqttMessageType type = m.fixedHeader().messageType();
        return switch (type) {
            case CONNECT -> connect((MqttConnectMessage) m);
            case PUBLISH -> publish((MqttPublishMessage) m);
            case PUBACK -> ack(AckKind.PUBACK, m);
            case PUBREC -> ack(AckKind.PUBREC, m);
            case PUBREL -> ack(AckKind.PUBREL, m);
            case PUBCOMP -> ack(AckKind.PUBCOMP, m);
            case SUBSCRIBE -> subscribe((MqttSubscribeMessage) m);
            case UNSUBSCRIBE -> new MqttPacket.Unsubscribe(((MqttUnsubscribeMessage) m).variableHeader().messageId(),
                    ((MqttUnsubscribeMessage) m).payload().topics());
            case PINGREQ -> new MqttPacket.PingReq();
            case DISCONNECT -> new MqttPacket.Disconnect(m.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader h
                    ? h.reasonCode() & 0xFF : ReasonCode.SUCCESS);
            default -> null;   // CONNACK, SUBACK, UNSUBACK, PINGRESP, AUTH: a server's packets, or unsupported
        };
    }

    private static Connect connect(MqttConnectMessage m) {
        var header = m.variableHeader();
        var payload = m.payload();
        int version = header.version();
        long expiry;
        if (version == MqttPacket.V5) {
            MqttProperties.MqttProperty<?> p = header.properties().getProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value());
            expiry = p == null ? 0 : Integer.toUnsignedLong((Integer) p.value());
        } else {
            expiry = header.isCleanSession() ? 0 : Connect.NEVER_EXPIRES;   // what 3.1.1's clean session flag means
        }
        MqttPacket.Will will = header.isWillFlag()
                ? new MqttPacket.Will(payload.willTopic(), payload.willMessageInBytes(), header.willQos(), header.isWillRetain())
                : null;
        return new Connect(version, payload.clientIdentifier() == null ? "" : payload.clientIdentifier(), header.isCleanSession(),
                header.keepAliveTimeSeconds(), header.hasUserName() ? payload.userName() : null,
                header.hasPassword() ? payload.passwordInBytes() : null, will, expiry);
    }

    /** Copies the payload out: the broker keeps messages past this read, and Netty's buffer goes back to its pool. */
    private static Publish publish(MqttPublishMessage m) {
        MqttFixedHeader fixed = m.fixedHeader();
        ByteBuf content = m.payload();
        byte[] payload = ByteBufUtil.getBytes(content);
        int qos = fixed.qosLevel().value();
        return new Publish(m.variableHeader().topicName(), payload, qos, fixed.isRetain(), fixed.isDup(),
                qos == 0 ? 0 : m.variableHeader().packetId());
    }

    private static Ack ack(AckKind kind, MqttMessage m) {
        Object header = m.variableHeader();
        int reason = header instanceof MqttPubReplyMessageVariableHeader h ? h.reasonCode() & 0xFF : ReasonCode.SUCCESS;
        return new Ack(kind, ((MqttMessageIdVariableHeader) header).messageId(), reason);
    }

    private static MqttPacket.Subscribe subscribe(MqttSubscribeMessage m) {
        List<Subscription> subs = new ArrayList<>();
        for (MqttTopicSubscription t : m.payload().topicSubscriptions()) {
            var o = t.option();
            subs.add(new Subscription(t.topicName(), o.qos().value(), o.isNoLocal(), o.isRetainAsPublished(),
                    o.retainHandling().value()));
        }
        return new MqttPacket.Subscribe(m.variableHeader().messageId(), subs);
    }

    /**
     * The message to write for a packet the broker sends to a client of protocol {@code version};
     * null for the broker's {@link MqttPacket.Disconnect} to a 3.1.1 client, which only closes.
     */
    static MqttMessage toNetty(MqttPacket packet, int version) {
        boolean v5 = version == MqttPacket.V5;
        if (packet instanceof Publish p) {
            MqttFixedHeader fixed = new MqttFixedHeader(MqttMessageType.PUBLISH, p.dup(), MqttQoS.valueOf(p.qos()), p.retain(), 0);
            return new MqttPublishMessage(fixed, new MqttPublishVariableHeader(p.topic(), p.qos() == 0 ? -1 : p.packetId()),
                    Unpooled.wrappedBuffer(p.payload()));
        }
        if (packet instanceof Ack a) {
            MqttMessageType type = MqttMessageType.valueOf(a.kind().name());
            // PUBREL is the one acknowledgement whose fixed header says QoS 1 (MQTT's reserved bits 0010).
            MqttQoS qos = a.kind() == AckKind.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
            return new MqttMessage(new MqttFixedHeader(type, false, qos, false, 0),
                    new MqttPubReplyMessageVariableHeader(a.packetId(), (byte) a.reasonCode(), MqttProperties.NO_PROPERTIES));
        }
        if (packet instanceof ConnAck c) {
            MqttProperties props = MqttProperties.NO_PROPERTIES;
            if (v5 && c.assignedClientId() != null) {
                props = new MqttProperties();
                props.add(new MqttProperties.StringProperty(MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value(), c.assignedClientId()));
            }
            int code = v5 ? c.reasonCode() : ReasonCode.connAckV311(c.reasonCode());
            return new MqttConnAckMessage(fixed(MqttMessageType.CONNACK),
                    new MqttConnAckVariableHeader(MqttConnectReturnCode.valueOf((byte) code), c.sessionPresent(), props));
        }
        if (packet instanceof SubAck s) {
            List<Integer> codes = v5 ? s.reasonCodes() : s.reasonCodes().stream().map(c -> c >= 0x80 ? 0x80 : c).toList();
            return new MqttSubAckMessage(fixed(MqttMessageType.SUBACK),
                    new MqttMessageIdAndPropertiesVariableHeader(s.packetId(), MqttProperties.NO_PROPERTIES), new MqttSubAckPayload(codes));
        }
        if (packet instanceof UnsubAck u) {
            List<Short> codes = u.reasonCodes().stream().map(Integer::shortValue).toList();
            return new MqttUnsubAckMessage(fixed(MqttMessageType.UNSUBACK),
                    new MqttMessageIdAndPropertiesVariableHeader(u.packetId(), MqttProperties.NO_PROPERTIES),
                    v5 ? new MqttUnsubAckPayload(codes) : null);
        }
        if (packet instanceof MqttPacket.PingResp) {
            return MqttMessage.PINGRESP;
        }
        if (packet instanceof MqttPacket.Disconnect d) {
            return v5 ? new MqttMessage(fixed(MqttMessageType.DISCONNECT),
                    new MqttReasonCodeAndPropertiesVariableHeader((byte) d.reasonCode(), MqttProperties.NO_PROPERTIES)) : null;
        }
        throw new IllegalArgumentException("the broker does not send " + packet.typeName() + " to clients");
    }

    /** The broker's answer to a packet Netty could not decode: a DISCONNECT for MQTT 5, which 3.1.1 has not. */
    static MqttMessage malformed(int version) {
        return toNetty(new MqttPacket.Disconnect(ReasonCode.MALFORMED_PACKET), version);
    }

    private static MqttFixedHeader fixed(MqttMessageType type) {
        return new MqttFixedHeader(type, false, MqttQoS.AT_MOST_ONCE, false, 0);
    }
}
