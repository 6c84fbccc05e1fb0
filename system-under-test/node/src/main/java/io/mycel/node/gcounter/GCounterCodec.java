package io.mycel.node.gcounter;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.gcounter.GCounterMessages.Add;
import io.mycel.node.gcounter.GCounterMessages.AddOk;
import io.mycel.node.gcounter.GCounterMessages.Gossip;
import io.mycel.node.gcounter.GCounterMessages.Read;
import io.mycel.node.gcounter.GCounterMessages.ReadOk;
import java.util.SortedMap;
import java.util.TreeMap;

/** One tag byte, then the fields as variable-length integers; gossip entries in node order. */
final class GCounterCodec implements MessageCodec {

    /** Most origin entries a gossip message may carry: one per node of the largest cluster we run. */
    static final int MAX_GOSSIP_ENTRIES = 100_000;

    private static final int ADD = 1;
    private static final int ADD_OK = 2;
    private static final int READ = 3;
    private static final int READ_OK = 4;
    private static final int GOSSIP = 5;

    @Override
    public void encode(Message message, WireWriter out) {
        if (message instanceof Add m) {
            out.writeByte(ADD).writeVarLong(m.requestId()).writeVarLong(m.delta());
        } else if (message instanceof AddOk m) {
            out.writeByte(ADD_OK).writeVarLong(m.requestId());
        } else if (message instanceof Read m) {
            out.writeByte(READ).writeVarLong(m.requestId());
        } else if (message instanceof ReadOk m) {
            out.writeByte(READ_OK).writeVarLong(m.requestId()).writeVarLong(m.value());
        } else if (message instanceof Gossip m) {
            out.writeByte(GOSSIP).writeBoolean(m.reply()).writeVarLong(m.counts().size());
            m.counts().forEach((node, count) -> out.writeNodeId(node).writeVarLong(count));
        } else {
            throw new IllegalArgumentException("not a g-counter message: " + message);
        }
    }

    @Override
    public Message decode(WireReader in) throws MalformedMessageException {
        int tag = in.readByte();
        switch (tag) {
            case ADD -> {
                long requestId = in.readVarLong();
                long delta = in.readVarLong();
                if (delta <= 0) {
                    throw new MalformedMessageException("add with delta " + delta + " (must be positive)");
                }
                return new Add(requestId, delta);
            }
            case ADD_OK -> {
                return new AddOk(in.readVarLong());
            }
            case READ -> {
                return new Read(in.readVarLong());
            }
            case READ_OK -> {
                return new ReadOk(in.readVarLong(), in.readVarLong());
            }
            case GOSSIP -> {
                boolean reply = in.readBoolean();
                int size = in.readLength(MAX_GOSSIP_ENTRIES, "gossip entries");
                SortedMap<NodeId, Long> counts = new TreeMap<>();
                for (int i = 0; i < size; i++) {
                    NodeId node = in.readNodeId();
                    long count = in.readVarLong();
                    if (count < 0 || counts.put(node, count) != null) {
                        throw new MalformedMessageException("gossip entry for " + node + " is negative or repeated");
                    }
                }
                return new Gossip(counts, reply);
            }
            default -> throw new MalformedMessageException("unknown g-counter message tag " + tag);
        }
    }
}
