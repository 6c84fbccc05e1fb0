package io.mycel.node.gcounter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.SeededRandom;
import io.mycel.node.gcounter.GCounterMessages.Add;
import io.mycel.node.gcounter.GCounterMessages.AddOk;
import io.mycel.node.gcounter.GCounterMessages.Gossip;
import io.mycel.node.gcounter.GCounterMessages.Read;
import io.mycel.node.gcounter.GCounterMessages.ReadOk;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GCounterCodecTest {

    private final GCounterCodec codec = new GCounterCodec();

    private static Message draw(SeededRandom r) {
        long id = r.nextLong(0, Long.MAX_VALUE);
        return switch (r.nextInt(5)) {
            case 0 -> new Add(id, r.nextLong(1, 1_000_000));
            case 1 -> new AddOk(id);
            case 2 -> new Read(id);
            case 3 -> new ReadOk(id, r.nextLong(0, Long.MAX_VALUE));
            default -> {
                TreeMap<NodeId, Long> counts = new TreeMap<>();
                int n = r.nextInt(20);
                for (int i = 0; i < n; i++) {
                    counts.put(NodeId.of("n" + r.nextInt(100)), r.nextLong(0, 1L << 40));
                }
                yield new Gossip(counts, r.nextInt(2) == 0);
            }
        };
    }

    @Test
    void everyMessageRoundTrips() throws Exception {
        for (long seed = 0; seed < 500; seed++) {
            Message m = draw(new SeededRandom(seed));
            assertEquals(m, codec.fromBytes(codec.toBytes(m)), "seed " + seed);
        }
    }

    @Test
    void truncatedOrExtendedFramesAreRejected() throws Exception {
        for (long seed = 0; seed < 200; seed++) {
            byte[] frame = codec.toBytes(draw(new SeededRandom(seed)));
            for (int cut = 0; cut < frame.length; cut++) {
                byte[] shorter = java.util.Arrays.copyOf(frame, cut);
                assertThrows(MalformedMessageException.class, () -> codec.fromBytes(shorter),
                        "seed " + seed + " cut at " + cut);
            }
            byte[] longer = java.util.Arrays.copyOf(frame, frame.length + 1);
            assertThrows(MalformedMessageException.class, () -> codec.fromBytes(longer), "seed " + seed);
        }
    }

    @Test
    void randomBytesNeverThrowAnythingButMalformed() {
        SeededRandom r = new SeededRandom(99);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[r.nextInt(24)];
            for (int j = 0; j < junk.length; j++) {
                junk[j] = (byte) r.nextLong();
            }
            try {
                codec.fromBytes(junk);
            } catch (MalformedMessageException expected) {
                // rejected, as it should be
            }
        }
    }

    @Test
    void unknownTagAndZeroDeltaAreRejected() {
        assertThrows(MalformedMessageException.class, () -> codec.fromBytes(new byte[] {9}));
        assertThrows(MalformedMessageException.class, () -> codec.fromBytes(new byte[] {1, 7, 0}));
    }
}
