package io.mycel.node.dht;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.SeededRandom;
import io.mycel.node.testing.CodecProperties;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every DHT message survives its codec; damaged frames are rejected as malformed and nothing else. */
class DhtCodecTest {

    private static final int KINDS = 14;
    private final DhtCodec codec = new DhtCodec();

    private static List<NodeId> nodes(SeededRandom r) {
        List<NodeId> out = new ArrayList<>();
        int n = r.nextInt(DhtLimits.MAX_CONTACTS + 1);
        for (int i = 0; i < n; i++) {
            out.add(NodeId.of("n" + r.nextInt(100_000)));
        }
        return out;
    }

    static Message draw(int kind, SeededRandom r) {
        long rpc = r.nextLong(0, Long.MAX_VALUE);
        return switch (kind) {
            case 0 -> new DhtMessages.Ping(rpc);
            case 1 -> new DhtMessages.Pong(rpc);
            case 2 -> new DhtMessages.FindNode(rpc, r.nextLong());
            case 3 -> new DhtMessages.Nodes(rpc, nodes(r));
            case 4 -> new DhtMessages.FindValue(rpc, r.nextLong());
            case 5 -> new DhtMessages.Value(rpc, nodes(r), nodes(r));
            case 6 -> new DhtMessages.Store(rpc, r.nextLong());
            case 7 -> new DhtMessages.Stored(rpc);
            case 8 -> new DhtMessages.Lookup(rpc, r.nextLong(0, Long.MAX_VALUE));
            case 9 -> new DhtMessages.Announce(rpc, "s" + r.nextInt(1000));
            case 10 -> new DhtMessages.Find(rpc, "s" + r.nextInt(1000));
            case 11 -> new DhtMessages.LookupOk(rpc, NodeId.of("n" + r.nextInt(99)), r.nextInt(2) == 0);
            case 12 -> new DhtMessages.AnnounceOk(rpc, r.nextInt(DhtLimits.MAX_CONTACTS + 1));
            case 13 -> new DhtMessages.FindOk(rpc, nodes(r));
            default -> throw new IllegalArgumentException("kind " + kind);
        };
    }

    @Test
    void everyMessageRoundTrips() throws MalformedMessageException {
        CodecProperties.roundTrips(codec, KINDS, DhtCodecTest::draw);
    }

    @Test
    void damagedFramesAreRejectedAsMalformed() {
        CodecProperties.rejectsDamage(codec, KINDS, DhtCodecTest::draw);
    }

    @Test
    void aContactListLongerThanTheLimitIsRejected() {
        byte[] frame = codec.toBytes(new DhtMessages.Nodes(1, List.of()));
        byte[] tooMany = Arrays.copyOf(frame, frame.length);
        tooMany[tooMany.length - 1] = (byte) (DhtLimits.MAX_CONTACTS + 1);
        assertThrows(MalformedMessageException.class, () -> codec.fromBytes(tooMany));
    }
}
