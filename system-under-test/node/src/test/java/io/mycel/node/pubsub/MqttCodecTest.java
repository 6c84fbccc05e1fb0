package io.mycel.node.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.SeededRandom;
import io.mycel.node.pubsub.MqttPacket.Ack;
import io.mycel.node.pubsub.MqttPacket.AckKind;
import io.mycel.node.pubsub.MqttPacket.Publish;
import io.mycel.node.pubsub.MqttPacket.Subscription;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Every packet and peer message the broker sends survives Mycel's codec, and every cut-short encoding is rejected. */
class MqttCodecTest {

    private final MqttCodec codec = new MqttCodec();

    @Test
    void drawnMessagesRoundTripAndTruncationsAreRejected() throws MalformedMessageException {
        SeededRandom random = new SeededRandom(11);
        for (int i = 0; i < 3000; i++) {
            Message m = draw(random);
            byte[] bytes = codec.toBytes(m);
            assertEquals(m, codec.fromBytes(bytes), "draw " + i);
            byte[] cut = Arrays.copyOf(bytes, random.nextInt(bytes.length));
            assertThrows(MalformedMessageException.class, () -> codec.fromBytes(cut), "draw " + i + " cut to " + cut.length);
        }
    }

    private static Message draw(SeededRandom r) {
        String topic = "t/" + r.nextInt(100);
        byte[] payload = new byte[r.nextInt(40)];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) r.nextInt(256);
        }
        int qos = r.nextInt(3);
        Publish publish = new Publish(topic, payload, qos, r.nextInt(2) == 0, r.nextInt(2) == 0, qos == 0 ? 0 : 1 + r.nextInt(65535));
        return switch (r.nextInt(14)) {
            case 0 -> publish;
            case 1 -> new Ack(AckKind.values()[r.nextInt(4)], 1 + r.nextInt(65535), r.nextInt(256));
            case 2 -> new MqttPacket.Connect(4 + r.nextInt(2), "c" + r.nextInt(9), r.nextInt(2) == 0, r.nextInt(65536),
                    r.nextInt(2) == 0 ? null : "u", r.nextInt(2) == 0 ? null : payload,
                    r.nextInt(2) == 0 ? null : new MqttPacket.Will(topic, payload, qos, true), r.nextInt(2) == 0 ? 0 : 4_000_000_000L);
            case 3 -> new MqttPacket.ConnAck(r.nextInt(2) == 0, r.nextInt(256), r.nextInt(2) == 0 ? null : "auto-1");
            case 4 -> new MqttPacket.Subscribe(1 + r.nextInt(65535), List.of(new Subscription(topic + "/#", qos, true, false, 2),
                    Subscription.of("+", 1)));
            case 5 -> new MqttPacket.SubAck(7, List.of(0, 1, 2, 0x80));
            case 6 -> new MqttPacket.Unsubscribe(9, List.of(topic, "#"));
            case 7 -> new MqttPacket.UnsubAck(9, List.of(0, 0x11));
            case 8 -> new MqttPacket.Disconnect(r.nextInt(256));
            case 9 -> new PeerMessage.Filters(NodeId.of("n" + r.nextInt(5)), r.nextInt(100), r.nextInt(1000),
                    new TreeMap<>(java.util.Map.of(topic, qos, "a/#", 2)));
            case 10 -> new PeerMessage.Forward(NodeId.of("n1"), 3, 1 + r.nextInt(1000), r.nextInt(1000), publish.with(qos, false, false, 0));
            case 11 -> new PeerMessage.FiltersDigest(NodeId.of("n" + r.nextInt(5)), r.nextInt(100), r.nextInt(1000));
            case 12 -> new PeerMessage.FiltersWanted();
            default -> new PeerMessage.ForwardAck(r.nextInt(100), r.nextInt(100_000));
        };
    }

}
