package io.mycel.faults.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows Mycel's framing (a 4-byte big-endian length, then that many bytes) through one direction
 * of a connection from its first byte, so that a {@code mycel_link} toxic added at any time can act
 * on whole frames. While no such toxic is on, chunks pass as they came (only the frame boundaries
 * are followed); while one is, chunks are cut into frames. A length no Mycel frame has means the
 * stream is not Mycel's: the cutter then stops following it and passes everything unframed.
 */
final class FrameCutter {

    /** Longer than any frame a Mycel node accepts, so a real frame is never taken for foreign bytes. */
    static final int MAX_FRAME = 64 << 20;

    /** A run of bytes to forward; {@code whole} when it is exactly one frame, counted from 0 ({@code index}). */
    record Piece(ByteBuf bytes, boolean whole, long index) {
    }

    private int headerLeft = 4;
    private int header;
    private long bodyLeft;
    private long frames;
    private boolean foreign;
    /** The frame being cut, from its start (whole) or from the middle (when cutting began inside it). */
    private ByteBuf current;
    private boolean currentWhole;

    boolean foreign() {
        return foreign;
    }

    /** Splits {@code in} (whose reference this takes) into pieces, cutting whole frames when {@code cut}. */
    List<Piece> split(ByteBuf in, boolean cut, ByteBufAllocator alloc) {
        List<Piece> out = new ArrayList<>(2);
        if (!cut || foreign) {
            flushPartial(out);
            follow(in);
            out.add(new Piece(in, false, frames));
            return out;
        }
        try {
            while (in.isReadable()) {
                if (current == null) {
                    current = alloc.buffer();
                    currentWhole = headerLeft == 4;
                }
                if (headerLeft > 0) {
                    byte b = in.readByte();
                    current.writeByte(b);
                    if (takeHeaderByte(b)) {
                        flushPartial(out);
                        current = in.readRetainedSlice(in.readableBytes());
                        out.add(new Piece(current, false, frames));
                        current = null;
                        return out;
                    }
                } else {
                    int n = (int) Math.min(bodyLeft, in.readableBytes());
                    current.writeBytes(in, n);
                    bodyLeft -= n;
                }
                if (headerLeft == 0 && bodyLeft == 0) {
                    out.add(new Piece(current, currentWhole, frames));
                    current = null;
                    frames++;
                    headerLeft = 4;
                }
            }
            return out;
        } finally {
            in.release();
        }
    }

    /** Hands over a frame cut so far but not finished (cutting stops, or the connection ends). */
    void flushPartial(List<Piece> out) {
        if (current != null) {
            out.add(new Piece(current, false, frames));
            current = null;
        }
    }

    /** Advances over bytes passed unframed, keeping track of where frames start. */
    private void follow(ByteBuf in) {
        int i = in.readerIndex();
        int end = in.writerIndex();
        while (i < end && !foreign) {
            if (headerLeft > 0) {
                takeHeaderByte(in.getByte(i++));
            } else {
                int n = (int) Math.min(bodyLeft, end - i);
                i += n;
                bodyLeft -= n;
            }
            if (!foreign && headerLeft == 0 && bodyLeft == 0) {
                frames++;
                headerLeft = 4;
            }
        }
    }

    /** Takes one byte of a length prefix; true when the stream turned out not to be Mycel's. */
    private boolean takeHeaderByte(byte b) {
        header = (header << 8) | (b & 0xFF);
        if (--headerLeft == 0) {
            if (header < 0 || header > MAX_FRAME) {
                foreign = true;
                return true;
            }
            bodyLeft = header;
            header = 0;
        }
        return false;
    }
}
