package io.mycel.node.supervisor;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.membership.SwimCodec;
import io.mycel.node.membership.SwimMessages;

/** The {@code tasks} program's frames: a layer byte (membership or supervisor), then that layer's message. */
public final class TasksCodec implements MessageCodec {

    private static final int MEMBERSHIP = 1;
    private static final int SUPERVISOR = 2;

    private final SwimCodec swim = new SwimCodec();

    @Override
    public void encode(Message message, WireWriter out) {
        if (message instanceof SwimMessages.SwimMessage) {
            swim.encode(message, out.writeByte(MEMBERSHIP));
        } else if (SupervisorCodec.encodes(message)) {
            SupervisorCodec.encode(message, out.writeByte(SUPERVISOR));
        } else {
            throw new IllegalArgumentException("not a tasks message: " + message);
        }
    }

    @Override
    public Message decode(WireReader in) throws MalformedMessageException {
        int layer = in.readByte();
        if (layer == MEMBERSHIP) {
            return swim.decode(in);
        }
        if (layer == SUPERVISOR) {
            return SupervisorCodec.decode(in.readByte(), in);
        }
        throw new MalformedMessageException("unknown tasks layer " + layer);
    }
}
