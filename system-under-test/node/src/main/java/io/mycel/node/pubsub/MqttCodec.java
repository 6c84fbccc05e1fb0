package io.mycel.node.pubsub;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.pubsub.MqttPacket.Ack;
import io.mycel.node.pubsub.MqttPacket.AckKind;
import io.mycel.node.pubsub.MqttPacket.ConnAck;
import io.mycel.node.pubsub.MqttPacket.Connect;
import io.mycel.node.pubsub.MqttPacket.ConnectionLost;
import io.mycel.node.pubsub.MqttPacket.Disconnect;
import io.mycel.node.pubsub.MqttPacket.PingReq;
import io.mycel.node.pubsub.MqttPacket.PingResp;
import io.mycel.node.pubsub.MqttPacket.Publish;
import io.mycel.node.pubsub.MqttPacket.SubAck;
import io.mycel.node.pubsub.MqttPacket.Subscribe;
import io.mycel.node.pubsub.MqttPacket.Subscription;
import io.mycel.node.pubsub.MqttPacket.UnsubAck;
import io.mycel.node.pubsub.MqttPacket.Unsubscribe;
import io.mycel.node.pubsub.MqttPacket.Will;
import java.util.ArrayList;
import java.util.List;

/**
 * Mycel's binary form of {@link MqttPacket}s, for the simulator (which encodes every message, so a
 * packet's size on a simulated link is about what it is on a real one) and for the broker's peers.
 * Real MQTT clients never see it: in real mode Netty's MQTT codec speaks the standard wire format.
 * Every field is checked on the way in; a packet that breaks MQTT's limits is malformed.
 */
public final class MqttCodec implements MessageCodec {

    static final int MAX_PAYLOAD = 256 << 20;   // MQTT's limit on a whole packet
    private static final int MAX_STRING = Topics.MAX_LENGTH;
    private static final int MAX_FILTERS = 4096;
    /** A node's clients may subscribe to many filters between them. */
    private static final int MAX_PEER_FILTERS = 1 << 20;

    private static final int CONNECT = 1;
    private static final int CONNACK = 2;
    private static final int PUBLISH = 3;
    private static final int ACK = 4;
    private static final int SUBSCRIBE = 8;
    private static final int SUBACK = 9;
    private static final int UNSUBSCRIBE = 10;
    private static final int UNSUBACK = 11;
    private static final int PINGREQ = 12;
    private static final int PINGRESP = 13;
    private static final int DISCONNECT = 14;
    private static final int CONNECTION_LOST = 15;
    private static final int PEER_FILTERS = 20;
    private static final int PEER_FORWARD = 21;
    private static final int PEER_FORWARD_ACK = 22;
    private static final int PEER_FILTERS_DIGEST = 23;
    private static final int PEER_FILTERS_WANTED = 24;

    @Override
    public void encode(Message message, WireWriter out) {
        if (message instanceof PeerMessage peer) {
            encodePeer(peer, out);
            return;
        }
        MqttPacket packet = (MqttPacket) message;
        if (packet instanceof Publish p) {
            out.writeByte(PUBLISH);
            publish(out, p);
        } else if (packet instanceof Ack a) {
            out.writeByte(ACK).writeByte(a.kind().ordinal()).writeVarLong(a.packetId()).writeByte(a.reasonCode());
        } else if (packet instanceof Connect c) {
            out.writeByte(CONNECT).writeByte(c.protocolVersion()).writeString(c.clientId()).writeBoolean(c.cleanStart())
                    .writeVarLong(c.keepAliveSeconds()).writeVarLong(c.sessionExpirySeconds());
            optionalString(out, c.username());
            out.writeBoolean(c.password() != null);
            if (c.password() != null) {
                out.writeBytes(c.password());
            }
            out.writeBoolean(c.will() != null);
            if (c.will() != null) {
                Will w = c.will();
                out.writeString(w.topic()).writeBytes(w.payload()).writeByte(w.qos()).writeBoolean(w.retain());
            }
        } else if (packet instanceof ConnAck a) {
            out.writeByte(CONNACK).writeBoolean(a.sessionPresent()).writeByte(a.reasonCode());
            optionalString(out, a.assignedClientId());
        } else if (packet instanceof Subscribe s) {
            out.writeByte(SUBSCRIBE).writeVarLong(s.packetId()).writeVarLong(s.subscriptions().size());
            for (Subscription sub : s.subscriptions()) {
                out.writeString(sub.filter()).writeByte(sub.qos() | (sub.noLocal() ? 4 : 0) | (sub.retainAsPublished() ? 8 : 0)
                        | sub.retainHandling() << 4);
            }
        } else if (packet instanceof SubAck s) {
            out.writeByte(SUBACK).writeVarLong(s.packetId());
            codes(out, s.reasonCodes());
        } else if (packet instanceof Unsubscribe u) {
            out.writeByte(UNSUBSCRIBE).writeVarLong(u.packetId()).writeVarLong(u.filters().size());
            u.filters().forEach(out::writeString);
        } else if (packet instanceof UnsubAck u) {
            out.writeByte(UNSUBACK).writeVarLong(u.packetId());
            codes(out, u.reasonCodes());
        } else if (packet instanceof PingReq) {
            out.writeByte(PINGREQ);
        } else if (packet instanceof PingResp) {
            out.writeByte(PINGRESP);
        } else if (packet instanceof Disconnect d) {
            out.writeByte(DISCONNECT).writeByte(d.reasonCode());
        } else if (packet instanceof ConnectionLost) {
            out.writeByte(CONNECTION_LOST);
        } else {
            throw new IllegalArgumentException("not an MQTT packet: " + message);
        }
    }

    private static void publish(WireWriter out, Publish p) {
        out.writeString(p.topic()).writeBytes(p.payload()).writeByte(p.qos() | (p.retain() ? 4 : 0) | (p.dup() ? 8 : 0))
                .writeVarLong(p.packetId());
    }

    /** A client's PUBLISH: QoS 1 and 2 need a packet id. */
    private static Publish publish(WireReader in) throws MalformedMessageException {
        return publish(in, true);
    }

    /** @param clientPacket false inside a peer's forward, whose messages carry no packet id (0) at any QoS */
    private static Publish publish(WireReader in, boolean clientPacket) throws MalformedMessageException {
        String topic = in.readString(MAX_STRING);
        byte[] payload = in.readBytes(MAX_PAYLOAD);
        int flags = in.readByte();
        int qos = qos(flags & 3);
        int packetId = packetId(in, clientPacket && qos > 0);
        if ((flags & ~15) != 0) {
            throw new MalformedMessageException("publish flags " + flags);
        }
        return new Publish(topic, payload, qos, (flags & 4) != 0, (flags & 8) != 0, packetId);
    }

    private static void encodePeer(PeerMessage message, WireWriter out) {
        if (message instanceof PeerMessage.Filters f) {
            out.writeByte(PEER_FILTERS).writeNodeId(f.owner()).writeVarLong(f.epoch()).writeVarLong(f.version())
                    .writeVarLong(f.filters().size());
            f.filters().forEach((filter, qos) -> out.writeString(filter).writeByte(qos));
        } else if (message instanceof PeerMessage.Forward f) {
            out.writeByte(PEER_FORWARD).writeNodeId(f.origin()).writeVarLong(f.epoch()).writeVarLong(f.seq())
                    .writeVarLong(f.lowWater());
            publish(out, f.publish());
        } else if (message instanceof PeerMessage.ForwardAck a) {
            out.writeByte(PEER_FORWARD_ACK).writeVarLong(a.epoch()).writeVarLong(a.seq());
        } else if (message instanceof PeerMessage.FiltersDigest d) {
            out.writeByte(PEER_FILTERS_DIGEST).writeNodeId(d.owner()).writeVarLong(d.epoch()).writeVarLong(d.version());
        } else if (message instanceof PeerMessage.FiltersWanted) {
            out.writeByte(PEER_FILTERS_WANTED);
        } else {
            throw new IllegalArgumentException("not a broker peer message: " + message);
        }
    }

    private static Message decodePeer(int type, WireReader in) throws MalformedMessageException {
        switch (type) {
            case PEER_FILTERS -> {
                var owner = in.readNodeId();
                long epoch = in.readVarLong();
                long version = in.readVarLong();
                int n = (int) bounded(in.readVarLong(), MAX_PEER_FILTERS, "filter count");
                java.util.TreeMap<String, Integer> filters = new java.util.TreeMap<>();
                for (int i = 0; i < n; i++) {
                    String filter = in.readString(MAX_STRING);
                    if (filters.put(filter, qos(in.readByte())) != null) {
                        throw new MalformedMessageException("filter " + filter + " twice");
                    }
                }
                return new PeerMessage.Filters(owner, epoch, version, filters);
            }
            case PEER_FORWARD -> {
                return new PeerMessage.Forward(in.readNodeId(), in.readVarLong(), in.readVarLong(), in.readVarLong(), publish(in, false));
            }
            case PEER_FILTERS_DIGEST -> {
                return new PeerMessage.FiltersDigest(in.readNodeId(), in.readVarLong(), in.readVarLong());
            }
            case PEER_FILTERS_WANTED -> {
                return new PeerMessage.FiltersWanted();
            }
            default -> {
                return new PeerMessage.ForwardAck(in.readVarLong(), in.readVarLong());
            }
        }
    }

    @Override
    public Message decode(WireReader in) throws MalformedMessageException {
        int type = in.readByte();
        switch (type) {
            case PEER_FILTERS, PEER_FORWARD, PEER_FORWARD_ACK, PEER_FILTERS_DIGEST, PEER_FILTERS_WANTED -> {
                return decodePeer(type, in);
            }
            case PUBLISH -> {
                return publish(in);
            }
            case ACK -> {
                int kind = in.readByte();
                if (kind >= AckKind.values().length) {
                    throw new MalformedMessageException("acknowledgement kind " + kind);
                }
                return new Ack(AckKind.values()[kind], packetId(in, true), in.readByte());
            }
            case CONNECT -> {
                int version = in.readByte();
                String clientId = in.readString(MAX_STRING);
                boolean clean = in.readBoolean();
                int keepAlive = (int) bounded(in.readVarLong(), 0xFFFF, "keep-alive");
                long expiry = bounded(in.readVarLong(), Connect.NEVER_EXPIRES, "session expiry");
                String username = optionalString(in);
                byte[] password = in.readBoolean() ? in.readBytes(0xFFFF) : null;
                Will will = null;
                if (in.readBoolean()) {
                    will = new Will(in.readString(MAX_STRING), in.readBytes(MAX_PAYLOAD), qos(in.readByte()), in.readBoolean());
                }
                return new Connect(version, clientId, clean, keepAlive, username, password, will, expiry);
            }
            case CONNACK -> {
                return new ConnAck(in.readBoolean(), in.readByte(), optionalString(in));
            }
            case SUBSCRIBE -> {
                int packetId = packetId(in, true);
                int n = count(in);
                List<Subscription> subs = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    String filter = in.readString(MAX_STRING);
                    int options = in.readByte();
                    if ((options >> 4) > 2 || (options & 3) == 3) {
                        throw new MalformedMessageException("subscription options " + options);
                    }
                    subs.add(new Subscription(filter, options & 3, (options & 4) != 0, (options & 8) != 0, options >> 4));
                }
                return new Subscribe(packetId, subs);
            }
            case SUBACK -> {
                return new SubAck(packetId(in, true), codes(in));
            }
            case UNSUBSCRIBE -> {
                int packetId = packetId(in, true);
                int n = count(in);
                List<String> filters = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    filters.add(in.readString(MAX_STRING));
                }
                return new Unsubscribe(packetId, filters);
            }
            case UNSUBACK -> {
                return new UnsubAck(packetId(in, true), codes(in));
            }
            case PINGREQ -> {
                return new PingReq();
            }
            case PINGRESP -> {
                return new PingResp();
            }
            case DISCONNECT -> {
                return new Disconnect(in.readByte());
            }
            case CONNECTION_LOST -> {
                return new ConnectionLost();
            }
            default -> throw new MalformedMessageException("unknown MQTT packet type " + type);
        }
    }

    private static void optionalString(WireWriter out, String value) {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeString(value);
        }
    }

    private static String optionalString(WireReader in) throws MalformedMessageException {
        return in.readBoolean() ? in.readString(MAX_STRING) : null;
    }

    private static void codes(WireWriter out, List<Integer> codes) {
        out.writeVarLong(codes.size());
        codes.forEach(out::writeByte);
    }

    private static List<Integer> codes(WireReader in) throws MalformedMessageException {
        int n = count(in);
        List<Integer> codes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            codes.add(in.readByte());
        }
        return codes;
    }

    private static int count(WireReader in) throws MalformedMessageException {
        int n = (int) bounded(in.readVarLong(), MAX_FILTERS, "filter count");
        if (n == 0) {
            throw new MalformedMessageException("a (un)subscribe or its acknowledgement with no filters");
        }
        return n;
    }

    private static int qos(int qos) throws MalformedMessageException {
        if (qos > 2) {
            throw new MalformedMessageException("QoS " + qos);
        }
        return qos;
    }

    /** A packet id: 1 to 65535 where one is required, else 0. */
    private static int packetId(WireReader in, boolean required) throws MalformedMessageException {
        long id = in.readVarLong();
        if (required ? id < 1 || id > 0xFFFF : id != 0) {
            throw new MalformedMessageException("packet id " + id);
        }
        return (int) id;
    }

    private static long bounded(long value, long max, String what) throws MalformedMessageException {
        if (value < 0 || value > max) {
            throw new MalformedMessageException(what + " " + value + " out of 0.." + max);
        }
        return value;
    }
}
