package io.mycel.mc.state;

import java.util.Arrays;

/** Bytes as a hash key, compared by content: a stored state's encoding, or a step's name. */
public final class ByteKey {

    private final byte[] bytes;
    private final int hash;

    /** Takes {@code bytes} as they are: the caller gives up the array. */
    public ByteKey(byte[] bytes) {
        this(bytes, StateHash.of(bytes, bytes.length));
    }

    /** With {@code hash}, the bytes' {@link StateHash}, already known. */
    public ByteKey(byte[] bytes, long hash) {
        this.bytes = bytes;
        this.hash = (int) (hash ^ (hash >>> 32));
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteKey k && k.hash == hash && Arrays.equals(k.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
