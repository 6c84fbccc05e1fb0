package io.mycel.node.dht;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.dht.DhtMessages.Announce;
import io.mycel.node.dht.DhtMessages.AnnounceOk;
import io.mycel.node.dht.DhtMessages.Find;
import io.mycel.node.dht.DhtMessages.FindNode;
import io.mycel.node.dht.DhtMessages.FindOk;
import io.mycel.node.dht.DhtMessages.FindValue;
import io.mycel.node.dht.DhtMessages.Lookup;
import io.mycel.node.dht.DhtMessages.LookupOk;
import io.mycel.node.dht.DhtMessages.Nodes;
import io.mycel.node.dht.DhtMessages.Ping;
import io.mycel.node.dht.DhtMessages.Pong;
import io.mycel.node.dht.DhtMessages.Store;
import io.mycel.node.dht.DhtMessages.Stored;
import io.mycel.node.dht.DhtMessages.Value;
import java.util.ArrayList;
import java.util.List;

/** One tag byte, then the fields; keys as 8 fixed bytes, since they are uniformly spread. */
public final class DhtCodec implements MessageCodec {

    private static final int PING = 1;
    private static final int PONG = 2;
    private static final int FIND_NODE = 3;
    private static final int NODES = 4;
    private static final int FIND_VALUE = 5;
    private static final int VALUE = 6;
    private static final int STORE = 7;
    private static final int STORED = 8;
    private static final int LOOKUP = 20;
    private static final int ANNOUNCE = 21;
    private static final int FIND = 22;
    private static final int LOOKUP_OK = 23;
    private static final int ANNOUNCE_OK = 24;
    private static final int FIND_OK = 25;

    @Override
    public void encode(Message message, WireWriter out) {
        if (message instanceof Ping m) {
            out.writeByte(PING).writeVarLong(m.rpc());
        } else if (message instanceof Pong m) {
            out.writeByte(PONG).writeVarLong(m.rpc());
        } else if (message instanceof FindNode m) {
            out.writeByte(FIND_NODE).writeVarLong(m.rpc()).writeLong(m.target());
        } else if (message instanceof Nodes m) {
            writeNodes(out.writeByte(NODES).writeVarLong(m.rpc()), m.contacts());
        } else if (message instanceof FindValue m) {
            out.writeByte(FIND_VALUE).writeVarLong(m.rpc()).writeLong(m.key());
        } else if (message instanceof Value m) {
            writeNodes(writeNodes(out.writeByte(VALUE).writeVarLong(m.rpc()), m.providers()), m.contacts());
        } else if (message instanceof Store m) {
            out.writeByte(STORE).writeVarLong(m.rpc()).writeLong(m.key());
        } else if (message instanceof Stored m) {
            out.writeByte(STORED).writeVarLong(m.rpc());
        } else if (message instanceof Lookup m) {
            out.writeByte(LOOKUP).writeVarLong(m.requestId()).writeVarLong(m.index());
        } else if (message instanceof Announce m) {
            out.writeByte(ANNOUNCE).writeVarLong(m.requestId()).writeString(m.service());
        } else if (message instanceof Find m) {
            out.writeByte(FIND).writeVarLong(m.requestId()).writeString(m.service());
        } else if (message instanceof LookupOk m) {
            out.writeByte(LOOKUP_OK).writeVarLong(m.requestId()).writeNodeId(m.target()).writeBoolean(m.found());
        } else if (message instanceof AnnounceOk m) {
            out.writeByte(ANNOUNCE_OK).writeVarLong(m.requestId()).writeVarLong(m.stored());
        } else if (message instanceof FindOk m) {
            writeNodes(out.writeByte(FIND_OK).writeVarLong(m.requestId()), m.providers());
        } else {
            throw new IllegalArgumentException("not a DHT message: " + message);
        }
    }

    private static WireWriter writeNodes(WireWriter out, List<NodeId> nodes) {
        out.writeVarLong(nodes.size());
        for (NodeId node : nodes) {
            out.writeNodeId(node);
        }
        return out;
    }

    private static List<NodeId> readNodes(WireReader in, String what) throws MalformedMessageException {
        int count = in.readLength(DhtLimits.MAX_CONTACTS, what);
        List<NodeId> nodes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            nodes.add(in.readNodeId());
        }
        return nodes;
    }

    @Override
    public Message decode(WireReader in) throws MalformedMessageException {
        int tag = in.readByte();
        return switch (tag) {
            case PING -> new Ping(in.readVarLong());
            case PONG -> new Pong(in.readVarLong());
            case FIND_NODE -> new FindNode(in.readVarLong(), in.readLong());
            case NODES -> new Nodes(in.readVarLong(), readNodes(in, "contacts"));
            case FIND_VALUE -> new FindValue(in.readVarLong(), in.readLong());
            case VALUE -> new Value(in.readVarLong(), readNodes(in, "providers"), readNodes(in, "contacts"));
            case STORE -> new Store(in.readVarLong(), in.readLong());
            case STORED -> new Stored(in.readVarLong());
            case LOOKUP -> new Lookup(in.readVarLong(), in.readVarLong());
            case ANNOUNCE -> new Announce(in.readVarLong(), in.readString(DhtLimits.MAX_SERVICE_BYTES));
            case FIND -> new Find(in.readVarLong(), in.readString(DhtLimits.MAX_SERVICE_BYTES));
            case LOOKUP_OK -> new LookupOk(in.readVarLong(), in.readNodeId(), in.readBoolean());
            case ANNOUNCE_OK -> new AnnounceOk(in.readVarLong(), in.readLength(DhtLimits.MAX_CONTACTS, "stored count"));
            case FIND_OK -> new FindOk(in.readVarLong(), readNodes(in, "providers"));
            default -> throw new MalformedMessageException("unknown DHT message tag " + tag);
        };
    }
}
