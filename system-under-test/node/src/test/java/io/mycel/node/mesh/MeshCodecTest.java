package io.mycel.node.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.SeededRandom;
import io.mycel.node.membership.MemberState;
import io.mycel.node.membership.SwimMessages;
import io.mycel.node.overlay.OverlayMessages;
import io.mycel.node.presence.PresenceMessages;
import io.mycel.node.store.StoreMessages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every message of the mesh and presence programs (membership, overlay, store and presence layers) survives its codec, and
 * damaged frames are rejected as malformed, never with any other exception: the simulator and the
 * real runtime count a malformed frame and carry on.
 */
class MeshCodecTest {

    private static final int KINDS = 30;
    private final MeshCodec codec = new MeshCodec();

    private static NodeId node(SeededRandom r) {
        return NodeId.of("n" + r.nextInt(1000));
    }

    private static byte[] bytes(SeededRandom r, int max) {
        byte[] b = new byte[r.nextInt(max + 1)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) r.nextLong();
        }
        return b;
    }

    private static List<SwimMessages.Update> updates(SeededRandom r) {
        List<SwimMessages.Update> out = new ArrayList<>();
        int n = r.nextInt(13);
        for (int i = 0; i < n; i++) {
            out.add(new SwimMessages.Update(MemberState.values()[r.nextInt(3)], node(r), r.nextLong(0, 1L << 40)));
        }
        return out;
    }

    private static List<NodeId> sample(SeededRandom r) {
        List<NodeId> out = new ArrayList<>();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            out.add(node(r));
        }
        return out;
    }

    /** One message of kind {@code kind} (0 to KINDS - 1), its fields drawn from {@code r}. */
    static Message draw(int kind, SeededRandom r) {
        long id = r.nextLong();
        long positive = r.nextLong(0, Long.MAX_VALUE);
        return switch (kind) {
            case 0 -> new SwimMessages.Ping(positive, updates(r));
            case 1 -> new SwimMessages.PingReq(positive, node(r), updates(r));
            case 2 -> new SwimMessages.Ack(positive, updates(r));
            case 3 -> new OverlayMessages.Flood(node(r), id, bytes(r, 40));
            case 4 -> new OverlayMessages.FloodAck(id);
            case 5 -> new OverlayMessages.Join();
            case 6 -> new OverlayMessages.ForwardJoin(node(r), r.nextInt(8));
            case 7 -> new OverlayMessages.Connect();
            case 8 -> new OverlayMessages.Disconnect();
            case 9 -> new OverlayMessages.Neighbor(r.nextInt(2) == 0);
            case 10 -> new OverlayMessages.NeighborReply(r.nextInt(2) == 0);
            case 11 -> new OverlayMessages.Shuffle(node(r), r.nextInt(8), sample(r));
            case 12 -> new OverlayMessages.ShuffleReply(sample(r));
            case 13 -> new OverlayMessages.Heartbeat();
            case 14 -> new OverlayMessages.Gossip(node(r), id, r.nextInt(50), bytes(r, 40));
            case 15 -> {
                List<OverlayMessages.Announcement> a = new ArrayList<>();
                int n = 1 + r.nextInt(10);
                for (int i = 0; i < n; i++) {
                    a.add(new OverlayMessages.Announcement(r.nextLong(), r.nextInt(50)));
                }
                yield new OverlayMessages.IHave(a);
            }
            case 16 -> new OverlayMessages.Prune();
            case 17 -> new OverlayMessages.Graft(id, r.nextInt(50));
            case 18 -> new StoreMessages.Update(positive, StoreMessages.Op.values()[r.nextInt(3)], "k" + r.nextInt(9),
                    r.nextLong(-1000, 1000));
            case 19 -> new StoreMessages.UpdateOk(positive);
            case 20 -> new StoreMessages.Read(positive, "k" + r.nextInt(9));
            case 21 -> new StoreMessages.ReadOk(positive, switch (r.nextInt(3)) {
                case 0 -> null;
                case 1 -> r.nextLong(-1000, 1000);
                default -> List.of(1L, 2L, r.nextLong(3, 100));
            });
            case 22 -> new StoreMessages.Digest("a", r.nextInt(2) == 0 ? "" : "k",
                    List.of(new StoreMessages.KeyHash("a", r.nextLong()), new StoreMessages.KeyHash("b", r.nextLong())));
            case 23 -> new StoreMessages.Repair(List.of(new StoreMessages.KeyState("k", bytes(r, 30))),
                    r.nextInt(2) == 0 ? List.of() : List.of("x", "y"));
            case 24 -> new PresenceMessages.Join(positive, "u" + r.nextInt(9), "m" + r.nextInt(99));
            case 25 -> new PresenceMessages.JoinOk(positive);
            case 26 -> new PresenceMessages.Leave(positive, "u" + r.nextInt(9));
            case 27 -> new PresenceMessages.LeaveOk(positive);
            case 28 -> new PresenceMessages.Who(positive);
            default -> new PresenceMessages.WhoOk(positive, r.nextInt(2) == 0 ? List.of() : List.of("u1@n1", "u2@n" + r.nextInt(9)));
        };
    }

    @Test
    void everyMessageOfEveryLayerRoundTrips() throws Exception {
        for (long seed = 0; seed < 1_000; seed++) {
            int kind = (int) (seed % KINDS);
            Message m = draw(kind, new SeededRandom(seed));
            assertEquals(m, codec.fromBytes(codec.toBytes(m)), "kind " + kind + " seed " + seed);
        }
    }

    @Test
    void truncatedFramesAreRejectedAsMalformed() throws Exception {
        for (long seed = 0; seed < 300; seed++) {
            byte[] frame = codec.toBytes(draw((int) (seed % KINDS), new SeededRandom(seed)));
            for (int cut = 0; cut < frame.length; cut++) {
                byte[] shorter = Arrays.copyOf(frame, cut);
                assertThrows(MalformedMessageException.class, () -> codec.fromBytes(shorter),
                        "seed " + seed + " cut at " + cut + " of " + frame.length);
            }
        }
    }

    @Test
    void flippedBitsAndJunkNeverThrowAnythingButMalformed() throws Exception {
        SeededRandom r = new SeededRandom(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] frame = codec.toBytes(draw(i % KINDS, r));
            frame[r.nextInt(frame.length)] ^= (byte) (1 << r.nextInt(8));
            decodeOrReject(frame);
            decodeOrReject(bytes(r, 32));
        }
    }

    private void decodeOrReject(byte[] frame) {
        try {
            codec.fromBytes(frame);
        } catch (MalformedMessageException expected) {
            // rejected and counted by the host, as it should be
        }
    }

    @Test
    void aDigestWhoseWindowEndsBeforeItStartsIsRejected() {
        byte[] frame = codec.toBytes(new StoreMessages.Digest("b", "a", List.of()));
        assertThrows(MalformedMessageException.class, () -> codec.fromBytes(frame));
    }

    @Test
    void anUnknownLayerIsRejected() {
        assertThrows(MalformedMessageException.class, () -> codec.fromBytes(new byte[] {9, 0}));
    }
}
