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

/**
 * A test program for the linearizability check end to end: one register held by node n1 (a single
 * copy, so linearizable by construction); other nodes forward requests to n1, which answers the
 * client directly. With {@code reads: local} (the planted bug) other nodes answer reads from the
 * last value they saw go by, which is stale as soon as someone writes through another node.
 */
public final class RegisterProgram implements Program {

    private static final NodeId PRIMARY = NodeId.of("n1");

    /** A client request, carrying the client so the primary can answer it; {@code write} false for a read. */
    record Request(long id, boolean write, long value, NodeId client) implements Message {
    }

    /** The primary's answer; {@code present} false when the register was never written. */
    record Reply(long id, boolean present, long value) implements Message {
    }

    private static final MessageCodec CODEC = new MessageCodec() {
        @Override
        public void encode(Message message, WireWriter out) {
            if (message instanceof Request r) {
                out.writeByte(1).writeVarLong(r.id()).writeBoolean(r.write()).writeVarSigned(r.value());
                out.writeBoolean(r.client() != null);
                if (r.client() != null) {
                    out.writeNodeId(r.client());
                }
            } else {
                Reply r = (Reply) message;
                out.writeByte(2).writeVarLong(r.id()).writeBoolean(r.present()).writeVarSigned(r.value());
            }
        }

        @Override
        public Message decode(WireReader in) throws MalformedMessageException {
            int tag = in.readByte();
            if (tag == 1) {
                long id = in.readVarLong();
                boolean write = in.readBoolean();
                long value = in.readVarSigned();
                return new Request(id, write, value, in.readBoolean() ? in.readNodeId() : null);
            }
            if (tag == 2) {
                return new Reply(in.readVarLong(), in.readBoolean(), in.readVarSigned());
            }
            throw new MalformedMessageException("unknown message tag " + tag);
        }
    };

    @Override
    public String name() {
        return "test-register";
    }

    @Override
    public String description() {
        return "one register on n1, others forward (for tests)";
    }

    @Override
    public List<ConfigOption> options() {
        return List.of(ConfigOption.choice("reads", "primary", List.of("primary", "local"),
                "where reads are answered: at the primary, or (a planted bug) at the node the client asked"));
    }

    @Override
    public MessageCodec codec() {
        return CODEC;
    }

    @Override
    public Process newProcess(ProgramConfig config) {
        boolean localReads = config.string("reads").equals("local");
        return new Process() {
            private boolean present;
            private long value;

            @Override
            public void onStart(NodeContext ctx) {
            }

            @Override
            public void onMessage(NodeContext ctx, NodeId from, Message message) {
                if (!(message instanceof Request request)) {
                    return;
                }
                // A request straight from a client names nobody yet; fill in who asked.
                Request named = request.client() == null || request.client().equals(from)
                        ? new Request(request.id(), request.write(), request.value(), from) : request;
                if (ctx.self().equals(PRIMARY)) {
                    if (named.write()) {
                        present = true;
                        value = named.value();
                    }
                    ctx.send(named.client(), new Reply(named.id(), present, value));
                } else if (localReads && !named.write()) {
                    ctx.send(named.client(), new Reply(named.id(), present, value));
                } else {
                    if (named.write()) {
                        // What this node saw go by, for the planted bug's local reads.
                        present = true;
                        value = named.value();
                    }
                    ctx.send(PRIMARY, named);
                }
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
                return List.of("read", "write");
            }

            @Override
            public String readOperation() {
                return "read";
            }

            @Override
            public ClientCall call(String operation, long requestId, RandomSource random) {
                if (operation.equals("write")) {
                    long v = random.nextLong(0, 5);
                    return new ClientCall(new Request(requestId, true, v, null), v);
                }
                return new ClientCall(new Request(requestId, false, 0, null), null);
            }

            @Override
            public ClientReply reply(Message message) {
                if (!(message instanceof Reply reply)) {
                    return null;
                }
                return new ClientReply(reply.id(), true, reply.present() ? (Object) reply.value() : null);
            }
        };
    }
}
