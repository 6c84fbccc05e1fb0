package io.mycel.node.presence;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.presence.PresenceMessages.Join;
import io.mycel.node.presence.PresenceMessages.JoinOk;
import io.mycel.node.presence.PresenceMessages.Leave;
import io.mycel.node.presence.PresenceMessages.LeaveOk;
import io.mycel.node.presence.PresenceMessages.Who;
import io.mycel.node.presence.PresenceMessages.WhoOk;
import java.util.ArrayList;
import java.util.List;

/** One tag byte, then the fields. */
public final class PresenceCodec implements MessageCodec {

    private static final int JOIN = 1;
    private static final int JOIN_OK = 2;
    private static final int LEAVE = 3;
    private static final int LEAVE_OK = 4;
    private static final int WHO = 5;
    private static final int WHO_OK = 6;

    @Override
    public void encode(Message message, WireWriter out) {
        if (message instanceof Join m) {
            out.writeByte(JOIN).writeVarLong(m.requestId()).writeString(m.user()).writeString(m.meta());
        } else if (message instanceof JoinOk m) {
            out.writeByte(JOIN_OK).writeVarLong(m.requestId());
        } else if (message instanceof Leave m) {
            out.writeByte(LEAVE).writeVarLong(m.requestId()).writeString(m.user());
        } else if (message instanceof LeaveOk m) {
            out.writeByte(LEAVE_OK).writeVarLong(m.requestId());
        } else if (message instanceof Who m) {
            out.writeByte(WHO).writeVarLong(m.requestId());
        } else if (message instanceof WhoOk m) {
            out.writeByte(WHO_OK).writeVarLong(m.requestId()).writeVarLong(m.online().size());
            for (String entry : m.online()) {
                out.writeString(entry);
            }
        } else {
            throw new IllegalArgumentException("not a presence message: " + message);
        }
    }

    @Override
    public Message decode(WireReader in) throws MalformedMessageException {
        int tag = in.readByte();
        return switch (tag) {
            case JOIN -> new Join(in.readVarLong(), in.readString(PresenceLimits.MAX_USER_BYTES),
                    in.readString(PresenceLimits.MAX_META_BYTES));
            case JOIN_OK -> new JoinOk(in.readVarLong());
            case LEAVE -> new Leave(in.readVarLong(), in.readString(PresenceLimits.MAX_USER_BYTES));
            case LEAVE_OK -> new LeaveOk(in.readVarLong());
            case WHO -> new Who(in.readVarLong());
            case WHO_OK -> {
                long id = in.readVarLong();
                int count = in.readLength(PresenceLimits.MAX_ONLINE, "online entries");
                List<String> online = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    online.add(in.readString(PresenceLimits.MAX_USER_BYTES + 65));
                }
                yield new WhoOk(id, online);
            }
            default -> throw new MalformedMessageException("unknown presence message tag " + tag);
        };
    }
}
