package io.mycel.node.kv;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;

/**
 * A write as it sits in the Raft log: who asked, under which request id, and what, with the
 * proposing leader's clock reading ({@code stampMicros}), the only time the state machine knows
 * (lock leases run on it).
 */
record KvCommand(NodeId client, long requestId, KvOp op, long stampMicros) {

    byte[] encode() {
        WireWriter out = new WireWriter(32).writeNodeId(client).writeVarLong(requestId).writeVarLong(stampMicros);
        KvCodec.writeOp(out, op);
        return out.toByteArray();
    }

    static KvCommand decode(byte[] bytes) {
        try {
            WireReader in = new WireReader(bytes);
            NodeId client = in.readNodeId();
            long requestId = in.readVarLong();
            long stampMicros = in.readVarLong();
            return new KvCommand(client, requestId, KvCodec.readOp(in), stampMicros);
        } catch (MalformedMessageException e) {
            // Commands are written by this codec and agreed on by Raft; a bad one is a bug, not input.
            throw new IllegalStateException("corrupt kv command in the log: " + e.getMessage(), e);
        }
    }
}
