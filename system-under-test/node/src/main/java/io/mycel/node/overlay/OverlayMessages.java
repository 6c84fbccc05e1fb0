package io.mycel.node.overlay;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeId;
import java.util.Arrays;
import java.util.List;

/** The overlays' messages: flooding, HyParView's view maintenance and Plumtree's tree repair. */
public final class OverlayMessages {

    private OverlayMessages() {
    }

    public sealed interface OverlayMessage extends Message
            permits Flood, FloodAck, Join, ForwardJoin, Connect, Disconnect, Neighbor, NeighborReply, Shuffle, ShuffleReply,
            Heartbeat, Gossip, IHave, Prune, Graft {
    }

    /** A broadcast relayed by flooding (full mesh) or through the hub. */
    public record Flood(NodeId origin, long id, byte[] payload) implements OverlayMessage {
        @Override
        public boolean equals(Object o) {
            return o instanceof Flood f && f.origin.equals(origin) && f.id == id && Arrays.equals(f.payload, payload);
        }

        @Override
        public int hashCode() {
            return 31 * Long.hashCode(id) + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Flood[" + origin + " " + BroadcastId.text(id) + " " + payload.length + " bytes]";
        }
    }

    /** The hub overlay: the receiver has the broadcast {@code id}; the sender stops resending it. */
    public record FloodAck(long id) implements OverlayMessage {
    }

    /** HyParView: a new node asks its contact to take it in. */
    public record Join() implements OverlayMessage {
    }

    /** HyParView: a random walk that spreads the joiner into active views (and passive ones on the way). */
    public record ForwardJoin(NodeId joiner, int ttl) implements OverlayMessage {
    }

    /** HyParView: "I put you in my active view": the link is symmetric, so the receiver does too. */
    public record Connect() implements OverlayMessage {
    }

    /** HyParView: the sender dropped the receiver from its active view. */
    public record Disconnect() implements OverlayMessage {
    }

    /** HyParView: asks to be promoted into the receiver's active view; high priority when the sender has none. */
    public record Neighbor(boolean highPriority) implements OverlayMessage {
    }

    public record NeighborReply(boolean accepted) implements OverlayMessage {
    }

    /** HyParView: a sample of the origin's views, walking the overlay to refresh passive views. */
    public record Shuffle(NodeId origin, int ttl, List<NodeId> sample) implements OverlayMessage {
        public Shuffle {
            sample = List.copyOf(sample);
        }
    }

    public record ShuffleReply(List<NodeId> sample) implements OverlayMessage {
        public ShuffleReply {
            sample = List.copyOf(sample);
        }
    }

    /** HyParView: keeps an idle active link known to be alive (TCP would do this on real links). */
    public record Heartbeat() implements OverlayMessage {
    }

    /** Plumtree: eager push of a broadcast along the tree; {@code round} counts hops from the origin. */
    public record Gossip(NodeId origin, long id, int round, byte[] payload) implements OverlayMessage {
        @Override
        public boolean equals(Object o) {
            return o instanceof Gossip g && g.origin.equals(origin) && g.id == id && g.round == round
                    && Arrays.equals(g.payload, payload);
        }

        @Override
        public int hashCode() {
            return 31 * Long.hashCode(id) + round;
        }

        @Override
        public String toString() {
            return "Gossip[" + origin + " " + BroadcastId.text(id) + " round " + round + " " + payload.length + " bytes]";
        }
    }

    /** One lazy announcement: the sender has broadcast {@code id}, received at {@code round}. */
    public record Announcement(long id, int round) {
    }

    /** Plumtree: lazy push of announcements, batched. */
    public record IHave(List<Announcement> announcements) implements OverlayMessage {
        public IHave {
            announcements = List.copyOf(announcements);
        }
    }

    /** Plumtree: "you sent me a duplicate": the link leaves the tree (eager to lazy). */
    public record Prune() implements OverlayMessage {
    }

    /** Plumtree: "I missed {@code id}": the link joins the tree and the message is sent. */
    public record Graft(long id, int round) implements OverlayMessage {
    }
}
