package io.mycel.scenario.testprograms;

import io.mycel.node.api.ClientAdapter;
import io.mycel.node.api.ClientCall;
import io.mycel.node.api.ClientReply;
import io.mycel.node.api.ConfigOption;
import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.Program;
import io.mycel.node.api.ProgramConfig;
import io.mycel.node.api.RandomSource;
import io.mycel.node.api.TimerId;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import java.util.List;

/** A test program whose node code throws on its third request: the run must report it, not crash. */
public final class ThrowingProgram implements Program {

    record Ping(long id) implements Message {
    }

    private static final MessageCodec CODEC = new MessageCodec() {
        @Override
        public void encode(Message message, WireWriter out) {
            out.writeVarLong(((Ping) message).id());
        }

        @Override
        public Message decode(WireReader in) throws MalformedMessageException {
            return new Ping(in.readVarLong());
        }
    };

    @Override
    public String name() {
        return "test-throwing";
    }

    @Override
    public String description() {
        return "throws on its third request (for tests)";
    }

    @Override
    public List<ConfigOption> options() {
        return List.of();
    }

    @Override
    public MessageCodec codec() {
        return CODEC;
    }

    @Override
    public Process newProcess(ProgramConfig config) {
        return new Process() {
            private int requests;

            @Override
            public void onStart(NodeContext ctx) {
            }

            @Override
            public void onMessage(NodeContext ctx, NodeId from, Message message) {
                if (++requests == 3) {
                    throw new IllegalStateException("third request");
                }
                ctx.send(from, message);
            }

            @Override
            public void onTimer(NodeContext ctx, TimerId timer) {
            }
        };
    }

    @Override
    public ClientAdapter client() {
        return new ClientAdapter() {
            @Override
            public List<String> operations() {
                return List.of("ping");
            }

            @Override
            public String readOperation() {
                return null;
            }

            @Override
            public ClientCall call(String operation, long requestId, RandomSource random) {
                return new ClientCall(new Ping(requestId), null);
            }

            @Override
            public ClientReply reply(Message message) {
                return new ClientReply(((Ping) message).id(), true, null);
            }
        };
    }
}
