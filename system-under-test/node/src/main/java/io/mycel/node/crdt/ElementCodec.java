package io.mycel.node.crdt;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;

/** How the elements or values a CRDT holds go on the wire. */
public interface ElementCodec<E> {

    void write(WireWriter out, E value);

    E read(WireReader in) throws MalformedMessageException;

    /** Strings of at most 1 KiB of UTF-8. */
    ElementCodec<String> STRING = new ElementCodec<>() {
        @Override
        public void write(WireWriter out, String value) {
            out.writeString(value);
        }

        @Override
        public String read(WireReader in) throws MalformedMessageException {
            return in.readString(1024);
        }
    };

    ElementCodec<Long> LONG = new ElementCodec<>() {
        @Override
        public void write(WireWriter out, Long value) {
            out.writeVarSigned(value);
        }

        @Override
        public Long read(WireReader in) throws MalformedMessageException {
            return in.readVarSigned();
        }
    };

    ElementCodec<Integer> INT = new ElementCodec<>() {
        @Override
        public void write(WireWriter out, Integer value) {
            out.writeVarSigned(value);
        }

        @Override
        public Integer read(WireReader in) throws MalformedMessageException {
            long v = in.readVarSigned();
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new MalformedMessageException("int out of range: " + v);
            }
            return (int) v;
        }
    };
}
