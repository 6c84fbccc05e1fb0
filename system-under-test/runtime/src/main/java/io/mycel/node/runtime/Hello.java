package io.mycel.node.runtime;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;

/**
 * The first frame on every connection, sent by the side that connects: who it is, whether it is a
 * peer node or a client, and which node it means to reach. After it, every frame is one message in
 * the program's codec. A connection whose first frame is not a hello is closed.
 *
 * @param to the node the connector meant to reach, so a wrong address is an error, not a silent
 *     conversation with the wrong node
 */
public record Hello(Role role, NodeId from, NodeId to) {

    /** "MYCL": keeps a stray HTTP request or port scan from passing as a hello. */
    static final int MAGIC = 0x4D59434C;
    static final int VERSION = 1;

    public enum Role {
        /** Another node of the cluster: its messages are protocol messages. */
        PEER,
        /** A client: it sends requests and the node answers on the same connection. */
        CLIENT
    }

    byte[] encode() {
        WireWriter out = new WireWriter(16 + 2 * NodeId.MAX_NAME_LENGTH);
        out.writeInt(MAGIC).writeByte(VERSION).writeByte(role.ordinal()).writeNodeId(from).writeNodeId(to);
        return out.toByteArray();
    }

    static Hello decode(byte[] frame) throws MalformedMessageException {
        WireReader in = new WireReader(frame);
        if (in.readInt() != MAGIC) {
            throw new MalformedMessageException("not a Mycel hello (bad magic)");
        }
        int version = in.readByte();
        if (version != VERSION) {
            throw new MalformedMessageException("hello of protocol version " + version + ", this node speaks " + VERSION);
        }
        int role = in.readByte();
        if (role < 0 || role >= Role.values().length) {
            throw new MalformedMessageException("hello with unknown role " + role);
        }
        Hello hello = new Hello(Role.values()[role], in.readNodeId(), in.readNodeId());
        if (in.remaining() != 0) {
            throw new MalformedMessageException(in.remaining() + " trailing bytes after the hello");
        }
        return hello;
    }
}
