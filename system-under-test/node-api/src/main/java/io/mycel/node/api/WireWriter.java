package io.mycel.node.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable big-endian byte buffer for message codecs. Variable-length integers use the
 * unsigned LEB128 form (7 bits a byte), zig-zag for signed values, as Protocol Buffers do.
 */
public final class WireWriter {

    private byte[] buffer;
    private int size;

    public WireWriter(int initialCapacity) {
        this.buffer = new byte[Math.max(16, initialCapacity)];
    }

    /** Forgets what was written, keeping the buffer, so a host can reuse one writer per run. */
    public void reset() {
        size = 0;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    public WireWriter writeByte(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    public WireWriter writeBoolean(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    public WireWriter writeInt(int value) {
        ensure(4);
        buffer[size++] = (byte) (value >>> 24);
        buffer[size++] = (byte) (value >>> 16);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    public WireWriter writeLong(long value) {
        writeInt((int) (value >>> 32));
        return writeInt((int) value);
    }

    /** Unsigned variable-length form; negative values take ten bytes, so prefer {@link #writeVarSigned}. */
    public WireWriter writeVarLong(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer[size++] = (byte) value;
        return this;
    }

    public WireWriter writeVarSigned(long value) {
        return writeVarLong((value << 1) ^ (value >> 63));
    }

    public WireWriter writeBytes(byte[] bytes) {
        writeVarLong(bytes.length);
        return writeRaw(bytes, 0, bytes.length);
    }

    public WireWriter writeRaw(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
        return this;
    }

    public WireWriter writeString(String value) {
        return writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    public WireWriter writeNodeId(NodeId id) {
        return writeString(id.name());
    }

    private void ensure(int extra) {
        if (size + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
        }
    }
}
