package io.mycel.node.kv;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.kv.KvMessages.Forwarded;
import io.mycel.node.kv.KvMessages.ForwardedReply;
import io.mycel.node.kv.KvMessages.Reply;
import io.mycel.node.kv.KvMessages.Request;
import io.mycel.node.raft.RaftCodec;
import io.mycel.node.raft.RaftMessages;

/**
 * A layer byte (Raft or KV), then the layer's encoding. KV operations are also the commands in the
 * Raft log: {@link #encodeCommand} writes the client, its request id and the operation.
 */
final class KvCodec implements MessageCodec {

    static final int MAX_KEY_BYTES = 256;
    static final int MAX_VALUE_BYTES = 16 * 1024;

    private static final int RAFT = 1;
    private static final int KV = 2;
    private static final int REQUEST = 1;
    private static final int REPLY = 2;
    private static final int FORWARDED = 3;
    private static final int FORWARDED_REPLY = 4;

    private final RaftCodec raft = new RaftCodec();

    @Override
    public void encode(Message message, WireWriter out) {
        if (message instanceof RaftMessages.RaftMessage) {
            raft.encode(message, out.writeByte(RAFT));
            return;
        }
        out.writeByte(KV);
        if (message instanceof Request m) {
            writeRequest(out.writeByte(REQUEST), m);
        } else if (message instanceof Reply m) {
            writeReply(out.writeByte(REPLY), m);
        } else if (message instanceof Forwarded m) {
            writeRequest(out.writeByte(FORWARDED).writeNodeId(m.client()), m.request());
        } else if (message instanceof ForwardedReply m) {
            writeReply(out.writeByte(FORWARDED_REPLY).writeNodeId(m.client()), m.reply());
        } else {
            throw new IllegalArgumentException("not a raft-kv message: " + message);
        }
    }

    @Override
    public Message decode(WireReader in) throws MalformedMessageException {
        int layer = in.readByte();
        if (layer == RAFT) {
            return raft.decode(in);
        }
        if (layer != KV) {
            throw new MalformedMessageException("unknown raft-kv layer " + layer);
        }
        int tag = in.readByte();
        return switch (tag) {
            case REQUEST -> readRequest(in);
            case REPLY -> readReply(in);
            case FORWARDED -> new Forwarded(in.readNodeId(), readRequest(in));
            case FORWARDED_REPLY -> new ForwardedReply(in.readNodeId(), readReply(in));
            default -> throw new MalformedMessageException("unknown kv message tag " + tag);
        };
    }

    static void writeOp(WireWriter out, KvOp op) {
        out.writeByte(op.kind().ordinal()).writeString(op.key());
        writeNullable(out, op.value());
        writeNullable(out, op.expected());
        out.writeVarLong(op.token()).writeVarLong(op.leaseMicros());
    }

    static KvOp readOp(WireReader in) throws MalformedMessageException {
        int kind = in.readByte();
        if (kind >= KvOp.Kind.values().length) {
            throw new MalformedMessageException("unknown kv operation " + kind);
        }
        String key = in.readString(MAX_KEY_BYTES);
        String value = readNullable(in);
        String expected = readNullable(in);
        long token = in.readVarLong();
        long leaseMicros = in.readVarLong();
        try {
            return new KvOp(KvOp.Kind.values()[kind], key, value, expected, token, leaseMicros);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(e.getMessage());
        }
    }

    private static void writeRequest(WireWriter out, Request m) {
        writeOp(out.writeVarLong(m.requestId()), m.op());
    }

    private static Request readRequest(WireReader in) throws MalformedMessageException {
        long requestId = in.readVarLong();
        return new Request(requestId, readOp(in));
    }

    private static void writeReply(WireWriter out, Reply m) {
        writeNullable(out.writeVarLong(m.requestId()).writeBoolean(m.applied()), m.key());
        writeNullable(out, m.value());
        out.writeVarSigned(m.staleMicros());
    }

    private static Reply readReply(WireReader in) throws MalformedMessageException {
        long requestId = in.readVarLong();
        boolean applied = in.readBoolean();
        String key = readNullable(in);
        String value = readNullable(in);
        long staleMicros = in.readVarSigned();
        if (staleMicros < -1) {
            throw new MalformedMessageException("staleness " + staleMicros + " below -1");
        }
        return new Reply(requestId, applied, key, value, staleMicros);
    }

    static void writeNullable(WireWriter out, String value) {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeString(value);
        }
    }

    static String readNullable(WireReader in) throws MalformedMessageException {
        return in.readBoolean() ? in.readString(MAX_VALUE_BYTES) : null;
    }
}
