package io.mycel.scenario.bench;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.TimerId;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import java.util.List;

/**
 * The benchmark's node: every {@link #PERIOD_MICROS} it sends one {@link #MESSAGE_BYTES}-byte
 * message to a uniformly random other node; on receipt it only counts.
 */
final class BenchProgram {

    static final long PERIOD_MICROS = 10_000;
    static final int MESSAGE_BYTES = 100;
    private static final int TAG = 7;
    private static final byte[] BODY = new byte[MESSAGE_BYTES - 1];

    private BenchProgram() {
    }

    /** One tag byte and 99 bytes of body: 100 bytes on the wire. */
    record Payload(byte[] body) implements Message {
    }

    static final MessageCodec CODEC = new MessageCodec() {
        @Override
        public void encode(Message message, WireWriter out) {
            byte[] body = ((Payload) message).body();
            out.writeByte(TAG).writeRaw(body, 0, body.length);
        }

        @Override
        public Message decode(WireReader in) throws MalformedMessageException {
            int tag = in.readByte();
            if (tag != TAG || in.remaining() != BODY.length) {
                throw new MalformedMessageException("not a bench payload");
            }
            in.skip(BODY.length);
            return PAYLOAD;
        }
    };

    private static final Payload PAYLOAD = new Payload(BODY);

    static final class Node implements Process {
        long received;

        @Override
        public void onStart(NodeContext ctx) {
            // Spread the first sends over one period, so nodes do not all fire at the same instant.
            ctx.setTimer("send", ctx.random().nextLong(0, PERIOD_MICROS - 1));
        }

        @Override
        public void onMessage(NodeContext ctx, NodeId from, Message message) {
            received++;
        }

        @Override
        public void onTimer(NodeContext ctx, TimerId timer) {
            List<NodeId> members = ctx.members();
            NodeId to;
            do {
                to = members.get(ctx.random().nextInt(members.size()));
            } while (to.equals(ctx.self()));
            ctx.send(to, PAYLOAD);
            ctx.setTimer("send", PERIOD_MICROS);
        }
    }
}
