package io.mycel.node.overlay;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.overlay.OverlayMessages.Announcement;
import io.mycel.node.overlay.OverlayMessages.Connect;
import io.mycel.node.overlay.OverlayMessages.Disconnect;
import io.mycel.node.overlay.OverlayMessages.Flood;
import io.mycel.node.overlay.OverlayMessages.FloodAck;
import io.mycel.node.overlay.OverlayMessages.ForwardJoin;
import io.mycel.node.overlay.OverlayMessages.Gossip;
import io.mycel.node.overlay.OverlayMessages.Graft;
import io.mycel.node.overlay.OverlayMessages.Heartbeat;
import io.mycel.node.overlay.OverlayMessages.IHave;
import io.mycel.node.overlay.OverlayMessages.Join;
import io.mycel.node.overlay.OverlayMessages.Neighbor;
import io.mycel.node.overlay.OverlayMessages.NeighborReply;
import io.mycel.node.overlay.OverlayMessages.Prune;
import io.mycel.node.overlay.OverlayMessages.Shuffle;
import io.mycel.node.overlay.OverlayMessages.ShuffleReply;
import java.util.ArrayList;
import java.util.List;

/** One tag byte, then the fields; ids as fixed 8 bytes (they are uniformly random), counts as varints. */
public final class OverlayCodec implements MessageCodec {

    private static final int FLOOD = 1;
    private static final int JOIN = 2;
    private static final int FORWARD_JOIN = 3;
    private static final int CONNECT = 4;
    private static final int DISCONNECT = 5;
    private static final int NEIGHBOR = 6;
    private static final int NEIGHBOR_REPLY = 7;
    private static final int SHUFFLE = 8;
    private static final int SHUFFLE_REPLY = 9;
    private static final int HEARTBEAT = 10;
    private static final int GOSSIP = 11;
    private static final int IHAVE = 12;
    private static final int PRUNE = 13;
    private static final int GRAFT = 14;
    private static final int FLOOD_ACK = 15;

    @Override
    public void encode(Message message, WireWriter out) {
        if (message instanceof Flood m) {
            out.writeByte(FLOOD).writeNodeId(m.origin()).writeLong(m.id()).writeBytes(m.payload());
        } else if (message instanceof FloodAck m) {
            out.writeByte(FLOOD_ACK).writeLong(m.id());
        } else if (message instanceof Join) {
            out.writeByte(JOIN);
        } else if (message instanceof ForwardJoin m) {
            out.writeByte(FORWARD_JOIN).writeNodeId(m.joiner()).writeVarLong(m.ttl());
        } else if (message instanceof Connect) {
            out.writeByte(CONNECT);
        } else if (message instanceof Disconnect) {
            out.writeByte(DISCONNECT);
        } else if (message instanceof Neighbor m) {
            out.writeByte(NEIGHBOR).writeBoolean(m.highPriority());
        } else if (message instanceof NeighborReply m) {
            out.writeByte(NEIGHBOR_REPLY).writeBoolean(m.accepted());
        } else if (message instanceof Shuffle m) {
            out.writeByte(SHUFFLE).writeNodeId(m.origin()).writeVarLong(m.ttl());
            writeNodes(out, m.sample());
        } else if (message instanceof ShuffleReply m) {
            out.writeByte(SHUFFLE_REPLY);
            writeNodes(out, m.sample());
        } else if (message instanceof Heartbeat) {
            out.writeByte(HEARTBEAT);
        } else if (message instanceof Gossip m) {
            out.writeByte(GOSSIP).writeNodeId(m.origin()).writeLong(m.id()).writeVarLong(m.round()).writeBytes(m.payload());
        } else if (message instanceof IHave m) {
            out.writeByte(IHAVE).writeVarLong(m.announcements().size());
            for (Announcement a : m.announcements()) {
                out.writeLong(a.id()).writeVarLong(a.round());
            }
        } else if (message instanceof Prune) {
            out.writeByte(PRUNE);
        } else if (message instanceof Graft m) {
            out.writeByte(GRAFT).writeLong(m.id()).writeVarLong(m.round());
        } else {
            throw new IllegalArgumentException("not an overlay message: " + message);
        }
    }

    @Override
    public Message decode(WireReader in) throws MalformedMessageException {
        int tag = in.readByte();
        return switch (tag) {
            case FLOOD -> new Flood(in.readNodeId(), in.readLong(), in.readBytes(OverlayLimits.MAX_PAYLOAD_BYTES));
            case FLOOD_ACK -> new FloodAck(in.readLong());
            case JOIN -> new Join();
            case FORWARD_JOIN -> new ForwardJoin(in.readNodeId(), readSmall(in, "forward-join ttl"));
            case CONNECT -> new Connect();
            case DISCONNECT -> new Disconnect();
            case NEIGHBOR -> new Neighbor(in.readBoolean());
            case NEIGHBOR_REPLY -> new NeighborReply(in.readBoolean());
            case SHUFFLE -> {
                NodeId origin = in.readNodeId();
                int ttl = readSmall(in, "shuffle ttl");
                yield new Shuffle(origin, ttl, readNodes(in));
            }
            case SHUFFLE_REPLY -> new ShuffleReply(readNodes(in));
            case HEARTBEAT -> new Heartbeat();
            case GOSSIP -> new Gossip(in.readNodeId(), in.readLong(), readSmall(in, "gossip round"),
                    in.readBytes(OverlayLimits.MAX_PAYLOAD_BYTES));
            case IHAVE -> {
                int count = in.readLength(OverlayLimits.MAX_IHAVE_ENTRIES, "announcements");
                List<Announcement> announcements = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    announcements.add(new Announcement(in.readLong(), readSmall(in, "announcement round")));
                }
                yield new IHave(announcements);
            }
            case PRUNE -> new Prune();
            case GRAFT -> new Graft(in.readLong(), readSmall(in, "graft round"));
            default -> throw new MalformedMessageException("unknown overlay message tag " + tag);
        };
    }

    private static int readSmall(WireReader in, String what) throws MalformedMessageException {
        return in.readLength(Integer.MAX_VALUE, what);
    }

    private static void writeNodes(WireWriter out, List<NodeId> nodes) {
        out.writeVarLong(nodes.size());
        for (NodeId n : nodes) {
            out.writeNodeId(n);
        }
    }

    private static List<NodeId> readNodes(WireReader in) throws MalformedMessageException {
        int count = in.readLength(OverlayLimits.MAX_VIEW_ENTRIES, "view entries");
        List<NodeId> nodes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            nodes.add(in.readNodeId());
        }
        return nodes;
    }
}
