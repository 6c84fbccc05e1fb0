package io.mycel.mc;

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
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A protocol small enough to count its states by hand: every server but the last sends one Hello to
 * the last, the collector, which remembers who said hello (as a set, or as a list in arrival order)
 * and, with {@code tick}, fires one timer of its own at some point. Clients may {@code ask} the
 * collector how many it has heard.
 */
final class TinyProgram implements Program {

    record Hello(NodeId from) implements Message {
    }

    record Ask(long request) implements Message {
    }

    record Answer(long request, long heard) implements Message {
    }

    private final boolean list;
    private final boolean tick;

    TinyProgram(boolean list, boolean tick) {
        this.list = list;
        this.tick = tick;
    }

    static final class Sender implements Process {
        @Override
        public void onStart(NodeContext ctx) {
            List<NodeId> members = ctx.members();
            NodeId collector = members.get(members.size() - 1);
            if (!ctx.self().equals(collector)) {
                ctx.send(collector, new Hello(ctx.self()));
            }
        }

        @Override
        public void onMessage(NodeContext ctx, NodeId from, Message message) {
        }

        @Override
        public void onTimer(NodeContext ctx, TimerId timer) {
        }
    }

    static final class Collector implements Process {
        final TreeSet<NodeId> heardSet = new TreeSet<>();
        final List<NodeId> heardList = new ArrayList<>();
        final boolean list;
        final boolean tick;
        boolean ticked;

        Collector(boolean list, boolean tick) {
            this.list = list;
            this.tick = tick;
        }

        @Override
        public void onStart(NodeContext ctx) {
            if (tick) {
                ctx.setTimer("tick", 1_000);
            }
        }

        @Override
        public void onMessage(NodeContext ctx, NodeId from, Message message) {
            if (message instanceof Hello h) {
                if (list) {
                    heardList.add(h.from());
                } else {
                    heardSet.add(h.from());
                }
            } else if (message instanceof Ask a) {
                ctx.send(from, new Answer(a.request(), list ? heardList.size() : heardSet.size()));
            }
        }

        @Override
        public void onTimer(NodeContext ctx, TimerId timer) {
            ticked = true;
        }
    }

    /** Servers are senders except the last, which collects: the process knows which at start. */
    static final class Either implements Process {
        private final boolean list;
        private final boolean tick;
        private Process role;

        Either(boolean list, boolean tick) {
            this.list = list;
            this.tick = tick;
        }

        @Override
        public void onStart(NodeContext ctx) {
            List<NodeId> members = ctx.members();
            role = ctx.self().equals(members.get(members.size() - 1)) ? new Collector(list, tick) : new Sender();
            role.onStart(ctx);
        }

        @Override
        public void onMessage(NodeContext ctx, NodeId from, Message message) {
            role.onMessage(ctx, from, message);
        }

        @Override
        public void onTimer(NodeContext ctx, TimerId timer) {
            role.onTimer(ctx, timer);
        }

        Process role() {
            return role;
        }
    }

    @Override
    public String name() {
        return "tiny";
    }

    @Override
    public String description() {
        return "senders say hello to a collector";
    }

    @Override
    public List<ConfigOption> options() {
        return List.of();
    }

    @Override
    public MessageCodec codec() {
        return new MessageCodec() {
            @Override
            public void encode(Message message, WireWriter out) {
                if (message instanceof Hello h) {
                    out.writeByte(1).writeNodeId(h.from());
                } else if (message instanceof Ask a) {
                    out.writeByte(2).writeVarLong(a.request());
                } else {
                    Answer a = (Answer) message;
                    out.writeByte(3).writeVarLong(a.request()).writeVarLong(a.heard());
                }
            }

            @Override
            public Message decode(WireReader in) throws MalformedMessageException {
                int kind = in.readByte();
                switch (kind) {
                    case 1:
                        return new Hello(in.readNodeId());
                    case 2:
                        return new Ask(in.readVarLong());
                    case 3:
                        return new Answer(in.readVarLong(), in.readVarLong());
                    default:
                        throw new MalformedMessageException("no message kind " + kind);
                }
            }
        };
    }

    @Override
    public Process newProcess(ProgramConfig config) {
        return new Either(list, tick);
    }

    @Override
    public ClientAdapter client() {
        return new ClientAdapter() {
            @Override
            public List<String> operations() {
                return List.of("ask");
            }

            @Override
            public String readOperation() {
                return "ask";
            }

            @Override
            public ClientCall call(String operation, long requestId, RandomSource random) {
                return new ClientCall(new Ask(requestId), null);
            }

            @Override
            public ClientReply reply(Message message) {
                return message instanceof Answer a ? new ClientReply(a.request(), true, a.heard()) : null;
            }
        };
    }

    static ProgramConfig noConfig() {
        return ProgramConfig.of(List.of(), java.util.Map.of());
    }
}
