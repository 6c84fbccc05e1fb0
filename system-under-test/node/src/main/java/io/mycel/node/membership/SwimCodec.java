package io.mycel.node.membership;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.membership.SwimMessages.Ack;
import io.mycel.node.membership.SwimMessages.Ping;
import io.mycel.node.membership.SwimMessages.PingReq;
import io.mycel.node.membership.SwimMessages.Update;
import java.util.ArrayList;
import java.util.List;

/** One tag byte, the sequence number, the target of an indirect probe, then the updates. */
public final class SwimCodec implements MessageCodec {

    private static final int PING = 1;
    private static final int PING_REQ = 2;
    private static final int ACK = 3;
    private static final MemberState[] STATES = MemberState.values();

    @Override
    public void encode(Message message, WireWriter out) {
        if (message instanceof Ping m) {
            out.writeByte(PING).writeVarLong(m.seq());
        } else if (message instanceof PingReq m) {
            out.writeByte(PING_REQ).writeVarLong(m.seq()).writeNodeId(m.target());
        } else if (message instanceof Ack m) {
            out.writeByte(ACK).writeVarLong(m.seq());
        } else {
            throw new IllegalArgumentException("not a SWIM message: " + message);
        }
        List<Update> updates = ((SwimMessages.SwimMessage) message).updates();
        out.writeVarLong(updates.size());
        for (Update u : updates) {
            out.writeByte(u.state().ordinal()).writeNodeId(u.node()).writeVarLong(u.incarnation());
        }
    }

    @Override
    public Message decode(WireReader in) throws MalformedMessageException {
        int tag = in.readByte();
        long seq = in.readVarLong();
        return switch (tag) {
            case PING -> new Ping(seq, readUpdates(in));
            case PING_REQ -> {
                var target = in.readNodeId();
                yield new PingReq(seq, target, readUpdates(in));
            }
            case ACK -> new Ack(seq, readUpdates(in));
            default -> throw new MalformedMessageException("unknown SWIM message tag " + tag);
        };
    }

    private static List<Update> readUpdates(WireReader in) throws MalformedMessageException {
        int count = in.readLength(SwimLimits.MAX_PIGGYBACKED_UPDATES, "piggybacked updates");
        List<Update> updates = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int state = in.readByte();
            if (state >= STATES.length) {
                throw new MalformedMessageException("member state " + state + " is not one of " + List.of(STATES));
            }
            updates.add(new Update(STATES[state], in.readNodeId(), in.readVarLong()));
        }
        return updates;
    }
}
