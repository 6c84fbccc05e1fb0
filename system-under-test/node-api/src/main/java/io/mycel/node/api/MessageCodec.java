package io.mycel.node.api;

/**
 * Turns a program's messages into bytes and back.
 *
 * <p>{@link #decode} must accept exactly what {@link #encode} writes and reject anything else by
 * throwing {@link MalformedMessageException}; the host then drops the frame and counts it. A codec
 * never needs to check for trailing bytes: the host does that after {@code decode} returns.
 */
public interface MessageCodec {

    void encode(Message message, WireWriter out);

    Message decode(WireReader in) throws MalformedMessageException;

    /** Encodes one message into a fresh array; hosts with a reusable writer avoid this allocation. */
    default byte[] toBytes(Message message) {
        WireWriter out = new WireWriter(64);
        encode(message, out);
        return out.toByteArray();
    }

    /** Decodes a whole frame, rejecting bytes left over after the message. */
    default Message fromBytes(byte[] frame) throws MalformedMessageException {
        WireReader in = new WireReader(frame);
        Message message = decode(in);
        if (in.remaining() != 0) {
            throw new MalformedMessageException(
                    in.remaining() + " trailing bytes after " + message.typeName());
        }
        return message;
    }
}
