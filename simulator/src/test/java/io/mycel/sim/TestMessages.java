package io.mycel.sim;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.TimerId;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** A numbered message, its codec, and a process whose behaviour each test scripts. */
final class TestMessages {

    private TestMessages() {
    }

    record Num(long value) implements Message {
    }

    static final MessageCodec CODEC = new MessageCodec() {
        @Override
        public void encode(Message message, WireWriter out) {
            out.writeByte(1).writeVarLong(((Num) message).value());
        }

        @Override
        public Message decode(WireReader in) throws MalformedMessageException {
            int tag = in.readByte();
            if (tag != 1) {
                throw new MalformedMessageException("tag " + tag);
            }
            return new Num(in.readVarLong());
        }
    };

    /** Rejects every frame, as a peer speaking another protocol would. */
    static final MessageCodec REJECTING = new MessageCodec() {
        @Override
        public void encode(Message message, WireWriter out) {
            CODEC.encode(message, out);
        }

        @Override
        public Message decode(WireReader in) throws MalformedMessageException {
            throw new MalformedMessageException("not my protocol");
        }
    };

    /** What a node saw: a message (with sender) or a timer, at a local time. */
    record Seen(NodeId node, String what, long value, long localMicros, long virtualMicros) {
    }

    /** A process that records what it sees and runs the test's hooks. */
    static final class Scripted implements Process {
        final List<Seen> log;
        final Simulation[] sim;
        final BiConsumer<NodeContext, Scripted> onStart;

        Scripted(List<Seen> log, Simulation[] sim, BiConsumer<NodeContext, Scripted> onStart) {
            this.log = log;
            this.sim = sim;
            this.onStart = onStart;
        }

        @Override
        public void onStart(NodeContext ctx) {
            onStart.accept(ctx, this);
        }

        @Override
        public void onMessage(NodeContext ctx, NodeId from, Message message) {
            log.add(new Seen(ctx.self(), "msg from " + from, ((Num) message).value(), ctx.nowMicros(), sim[0].now()));
        }

        @Override
        public void onTimer(NodeContext ctx, TimerId timer) {
            log.add(new Seen(ctx.self(), "timer " + timer.name(), timer.id(), ctx.nowMicros(), sim[0].now()));
        }

        @Override
        public void onWake(NodeContext ctx) {
            log.add(new Seen(ctx.self(), "wake", 0, ctx.nowMicros(), sim[0].now()));
        }
    }

    static List<Seen> newLog() {
        return new ArrayList<>();
    }
}
