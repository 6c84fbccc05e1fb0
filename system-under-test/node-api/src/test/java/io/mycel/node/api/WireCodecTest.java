package io.mycel.node.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WireCodecTest {

    @Test
    void valuesRoundTripOverManySeeds() throws Exception {
        for (long seed = 0; seed < 200; seed++) {
            SeededRandom random = new SeededRandom(seed);
            long a = random.nextLong();
            long b = random.nextLong() >> random.nextInt(64);
            int c = (int) random.nextLong();
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) random.nextLong();
            }
            String text = "n" + random.nextInt(1000) + "é✓";
            WireWriter out = new WireWriter(1);
            out.writeLong(a).writeVarLong(b).writeVarSigned(b).writeInt(c).writeBytes(bytes)
                    .writeString(text).writeBoolean(seed % 2 == 0).writeNodeId(NodeId.of("n" + seed));
            WireReader in = new WireReader(out.toByteArray());
            assertEquals(a, in.readLong(), "seed " + seed);
            assertEquals(b, in.readVarLong(), "seed " + seed);
            assertEquals(b, in.readVarSigned(), "seed " + seed);
            assertEquals(c, in.readInt(), "seed " + seed);
            assertArrayEquals(bytes, in.readBytes(64), "seed " + seed);
            assertEquals(text, in.readString(64), "seed " + seed);
            assertEquals(seed % 2 == 0, in.readBoolean(), "seed " + seed);
            assertEquals(NodeId.of("n" + seed), in.readNodeId(), "seed " + seed);
            assertEquals(0, in.remaining());
        }
    }

    @Test
    void everyTruncationOfAFrameIsRejectedNotThrown() {
        WireWriter out = new WireWriter(8);
        out.writeString("hello").writeLong(42).writeVarLong(1L << 40);
        byte[] frame = out.toByteArray();
        for (int cut = 0; cut < frame.length; cut++) {
            WireReader in = new WireReader(frame, 0, cut);
            assertThrows(MalformedMessageException.class, () -> {
                in.readString(64);
                in.readLong();
                in.readVarLong();
            }, "cut at " + cut);
        }
    }

    @Test
    void lengthsOverTheirLimitAreRejectedBeforeAllocating() {
        byte[] frame = new WireWriter(8).writeVarLong(Integer.MAX_VALUE).toByteArray();
        assertThrows(MalformedMessageException.class, () -> new WireReader(frame).readBytes(1024));
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[] frame = new WireWriter(8).writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28}).toByteArray();
        assertThrows(MalformedMessageException.class, () -> new WireReader(frame).readString(16));
    }
}
