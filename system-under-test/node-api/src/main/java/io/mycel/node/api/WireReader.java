package io.mycel.node.api;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Reads what {@link WireWriter} wrote. Every read is bounds-checked and every length is checked
 * against what is left, so a malformed frame becomes a {@link MalformedMessageException}, never an
 * out-of-bounds error or a huge allocation.
 */
public final class WireReader {

    private final byte[] buffer;
    private final int end;
    private int position;

    public WireReader(byte[] buffer) {
        this(buffer, 0, buffer.length);
    }

    public WireReader(byte[] buffer, int offset, int length) {
        this.buffer = buffer;
        this.position = offset;
        this.end = offset + length;
    }

    public int remaining() {
        return end - position;
    }

    public int readByte() throws MalformedMessageException {
        need(1, "byte");
        return buffer[position++] & 0xFF;
    }

    public boolean readBoolean() throws MalformedMessageException {
        int b = readByte();
        if (b > 1) {
            throw new MalformedMessageException("boolean byte " + b + " is neither 0 nor 1");
        }
        return b == 1;
    }

    public int readInt() throws MalformedMessageException {
        need(4, "int");
        int value = ((buffer[position] & 0xFF) << 24) | ((buffer[position + 1] & 0xFF) << 16)
                | ((buffer[position + 2] & 0xFF) << 8) | (buffer[position + 3] & 0xFF);
        position += 4;
        return value;
    }

    public long readLong() throws MalformedMessageException {
        long high = readInt() & 0xFFFFFFFFL;
        long low = readInt() & 0xFFFFFFFFL;
        return (high << 32) | low;
    }

    public long readVarLong() throws MalformedMessageException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new MalformedMessageException("variable-length integer longer than 10 bytes");
    }

    public long readVarSigned() throws MalformedMessageException {
        long raw = readVarLong();
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** A length or count that must be at most {@code max} (and at most what is left, if {@code bytes}). */
    public int readLength(int max, String what) throws MalformedMessageException {
        long length = readVarLong();
        if (length < 0 || length > max) {
            throw new MalformedMessageException(what + " " + length + " is over its limit " + max);
        }
        return (int) length;
    }

    public byte[] readBytes(int maxLength) throws MalformedMessageException {
        int length = readLength(maxLength, "byte string length");
        need(length, "byte string");
        byte[] out = new byte[length];
        System.arraycopy(buffer, position, out, 0, length);
        position += length;
        return out;
    }

    public String readString(int maxBytes) throws MalformedMessageException {
        int length = readLength(maxBytes, "string length");
        need(length, "string");
        if (ascii(position, length)) {
            // the common case (node names, keys): no decoder, and ASCII is valid UTF-8 as it stands
            String value = new String(buffer, position, length, StandardCharsets.US_ASCII);
            position += length;
            return value;
        }
        try {
            String value = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buffer, position, length))
                    .toString();
            position += length;
            return value;
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException("string is not valid UTF-8");
        }
    }

    private boolean ascii(int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (buffer[i] < 0) {
                return false;
            }
        }
        return true;
    }

    public NodeId readNodeId() throws MalformedMessageException {
        String name = readString(NodeId.MAX_NAME_LENGTH * 4);
        if (name.isEmpty() || name.length() > NodeId.MAX_NAME_LENGTH) {
            throw new MalformedMessageException("node name of " + name.length() + " characters");
        }
        return new NodeId(name);
    }

    /** Skips bytes, for payloads a protocol carries but does not parse. */
    public void skip(int length) throws MalformedMessageException {
        need(length, "skipped bytes");
        position += length;
    }

    private void need(int count, String what) throws MalformedMessageException {
        if (count > end - position) {
            throw new MalformedMessageException(
                    "frame ends inside a " + what + ": need " + count + " bytes, " + (end - position) + " left");
        }
    }
}
