package io.mycel.node.supervisor;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.registry.Owner;
import io.mycel.node.supervisor.SupervisorMessages.Fetch;
import io.mycel.node.supervisor.SupervisorMessages.Fetched;
import io.mycel.node.supervisor.SupervisorMessages.Release;
import io.mycel.node.supervisor.SupervisorMessages.Released;
import io.mycel.node.supervisor.SupervisorMessages.Save;
import io.mycel.node.supervisor.SupervisorMessages.Saved;
import io.mycel.node.supervisor.SupervisorMessages.Whereis;
import io.mycel.node.supervisor.SupervisorMessages.WhereisOk;

/** The supervisor's messages: one tag byte, then the fields; an absent holder is incarnation 0. */
final class SupervisorCodec {

    static final int MAX_TASK_BYTES = 32;
    static final int MAX_STATE_BYTES = 4096;

    private static final int SAVE = 40;
    private static final int SAVED = 41;
    private static final int FETCH = 42;
    private static final int FETCHED = 43;
    private static final int RELEASE = 44;
    private static final int RELEASED = 45;
    private static final int WHEREIS = 46;
    private static final int WHEREIS_OK = 47;

    private SupervisorCodec() {
    }

    static boolean encodes(Message message) {
        return message instanceof SupervisorMessages.SupervisorMessage || message instanceof Whereis
                || message instanceof WhereisOk;
    }

    static boolean decodes(int tag) {
        return tag >= SAVE && tag <= WHEREIS_OK;
    }

    static void encode(Message message, WireWriter out) {
        if (message instanceof Save m) {
            writeHolder(out.writeByte(SAVE).writeVarLong(m.rpc()).writeString(m.task()).writeVarLong(m.version())
                    .writeBytes(m.state()), m.holder());
            out.writeVarLong(m.epoch());
        } else if (message instanceof Saved m) {
            out.writeByte(SAVED).writeVarLong(m.rpc()).writeString(m.task()).writeVarLong(m.storedVersion()).writeBoolean(m.stop());
        } else if (message instanceof Fetch m) {
            writeHolder(out.writeByte(FETCH).writeVarLong(m.rpc()).writeString(m.task()), m.claimant());
            out.writeVarLong(m.epoch());
        } else if (message instanceof Fetched m) {
            writeHolder(out.writeByte(FETCHED).writeVarLong(m.rpc()).writeString(m.task()).writeVarLong(m.version())
                    .writeBytes(m.state()), m.holder());
            out.writeVarLong(m.epoch()).writeBoolean(m.granted());
        } else if (message instanceof Release m) {
            out.writeByte(RELEASE).writeVarLong(m.rpc()).writeString(m.task());
        } else if (message instanceof Released m) {
            out.writeByte(RELEASED).writeVarLong(m.rpc()).writeString(m.task()).writeVarLong(m.version()).writeBytes(m.state())
                    .writeBoolean(m.running());
        } else if (message instanceof Whereis m) {
            out.writeByte(WHEREIS).writeVarLong(m.requestId()).writeString(m.task());
        } else if (message instanceof WhereisOk m) {
            out.writeByte(WHEREIS_OK).writeVarLong(m.requestId()).writeString(m.task()).writeString(m.node());
        } else {
            throw new IllegalArgumentException("not a supervisor message: " + message);
        }
    }

    private static void writeHolder(WireWriter out, Owner holder) {
        if (holder == null) {
            out.writeVarLong(0);
        } else {
            out.writeVarLong(holder.incarnation()).writeNodeId(holder.node());
        }
    }

    private static Owner readHolder(WireReader in) throws MalformedMessageException {
        long incarnation = in.readVarLong();
        return incarnation == 0 ? null : new Owner(in.readNodeId(), incarnation);
    }

    static Message decode(int tag, WireReader in) throws MalformedMessageException {
        return switch (tag) {
            case SAVE -> new Save(in.readVarLong(), task(in), in.readVarLong(), in.readBytes(MAX_STATE_BYTES), readHolder(in),
                    in.readVarLong());
            case SAVED -> new Saved(in.readVarLong(), task(in), in.readVarLong(), in.readBoolean());
            case FETCH -> new Fetch(in.readVarLong(), task(in), readHolder(in), in.readVarLong());
            case FETCHED -> new Fetched(in.readVarLong(), task(in), in.readVarLong(), in.readBytes(MAX_STATE_BYTES), readHolder(in),
                    in.readVarLong(), in.readBoolean());
            case RELEASE -> new Release(in.readVarLong(), task(in));
            case RELEASED -> new Released(in.readVarLong(), task(in), in.readVarLong(), in.readBytes(MAX_STATE_BYTES), in.readBoolean());
            case WHEREIS -> new Whereis(in.readVarLong(), task(in));
            case WHEREIS_OK -> new WhereisOk(in.readVarLong(), task(in), in.readString(io.mycel.node.api.NodeId.MAX_NAME_LENGTH * 4));
            default -> throw new MalformedMessageException("unknown supervisor message tag " + tag);
        };
    }

    private static String task(WireReader in) throws MalformedMessageException {
        return in.readString(MAX_TASK_BYTES);
    }
}
