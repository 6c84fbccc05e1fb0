package io.mycel.node.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.SeededRandom;
import java.util.Arrays;

/**
 * The two properties every program's codec must have, over many seeds: each message drawn survives
 * a round trip, and a damaged frame (cut short, or a byte flipped) is rejected as malformed or read
 * as some other message, never with any other exception.
 */
public final class CodecProperties {

    /** Draws one message of kind {@code kind} (0 to kinds - 1), its fields from {@code random}. */
    @FunctionalInterface
    public interface Drawer {
        Message draw(int kind, SeededRandom random);
    }

    private CodecProperties() {
    }

    public static void roundTrips(MessageCodec codec, int kinds, Drawer drawer) throws MalformedMessageException {
        for (long seed = 1; seed <= 50; seed++) {
            SeededRandom r = new SeededRandom(seed);
            for (int kind = 0; kind < kinds; kind++) {
                Message m = drawer.draw(kind, r);
                assertEquals(m, codec.fromBytes(codec.toBytes(m)), "seed " + seed);
            }
        }
    }

    public static void rejectsDamage(MessageCodec codec, int kinds, Drawer drawer) {
        for (long seed = 1; seed <= 100; seed++) {
            SeededRandom r = new SeededRandom(seed);
            for (int kind = 0; kind < kinds; kind++) {
                byte[] frame = codec.toBytes(drawer.draw(kind, r));
                byte[] truncated = Arrays.copyOf(frame, r.nextInt(frame.length));
                assertThrows(MalformedMessageException.class, () -> codec.fromBytes(truncated), "seed " + seed);
                byte[] flipped = frame.clone();
                flipped[r.nextInt(flipped.length)] ^= (byte) (1 + r.nextInt(255));
                try {
                    codec.fromBytes(flipped);   // may still decode to another valid message
                } catch (MalformedMessageException expected) {
                    // rejected: fine; any other exception fails the test
                }
            }
        }
    }
}
