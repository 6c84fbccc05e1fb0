package io.mycel.scenario.bench;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.Program;
import io.mycel.node.api.ProgramConfig;
import io.mycel.node.api.TimerId;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.kv.KvMessages.Reply;
import io.mycel.node.kv.KvMessages.Request;
import io.mycel.node.kv.KvOp;
import io.mycel.node.kv.KvProgram;
import io.mycel.node.raft.RaftMessages.AppendEntries;
import io.mycel.sim.LatencyDistribution;
import io.mycel.sim.LinkModel;
import io.mycel.sim.Simulation;
import io.mycel.sim.SimulationBuilder;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code mycel bench raft}: the raft-kv program on five nodes with a constant 1 ms link latency and
 * closed-loop clients (each sends a put, waits for the answer, sends the next; client i talks to
 * node i mod 5, which forwards to the leader). After a warm-up in which a leader is elected, it
 * measures committed writes per wall second and per virtual second, the writes' virtual latency
 * (p50, p99), and how many entries an AppendEntries carried on average.
 *
 * <p>The baseline, run in the same process with the same clients, is Raft without batching or
 * pipelining (one entry per AppendEntries, one in flight per follower): the ratio shows what
 * batching and pipelining buy.
 */
public final class RaftBench {

    private RaftBench() {
    }

    public record Setup(int clients, long warmupMicros, long measureMicros, long seed) {
    }

    public record Result(long writes, double wallSeconds, long[] latenciesMicros, long appendEntries, long entriesSent,
                         long messages) {

        double writesPerWallSecond() {
            return writes / wallSeconds;
        }

        long percentile(double p) {
            if (latenciesMicros.length == 0) {
                return -1;
            }
            long[] sorted = latenciesMicros.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
        }
    }

    public static Result measure(Setup s, boolean batching) {
        Program program = new KvProgram();
        ProgramConfig config = ProgramConfig.of(program.options(), batching
                ? Map.of("max-batch", "64", "max-inflight", "4")
                : Map.of("max-batch", "1", "max-inflight", "1"));
        CountingCodec codec = new CountingCodec(program.codec());
        SimulationBuilder b = Simulation.builder(s.seed(), new LinkModel(new LatencyDistribution.Constant(1_000), 0, 0, 0));
        List<NodeId> nodes = List.of(NodeId.of("n1"), NodeId.of("n2"), NodeId.of("n3"), NodeId.of("n4"), NodeId.of("n5"));
        for (NodeId id : nodes) {
            b.node(id, () -> program.newProcess(config), codec);
        }
        Recorder recorder = new Recorder(s.warmupMicros(), s.warmupMicros() + s.measureMicros());
        for (int i = 0; i < s.clients(); i++) {
            NodeId node = nodes.get(i % nodes.size());
            int index = i;
            b.client(NodeId.of("@c" + (i + 1)), () -> new ClosedLoopClient(node, index, s.warmupMicros(), recorder), codec);
        }
        Simulation sim = b.build();
        sim.runUntil(s.warmupMicros());
        long sentBefore = sim.stats().sent();
        long appendsBefore = codec.appendEntries;
        long entriesBefore = codec.entries;
        long wallStart = System.nanoTime();
        sim.runUntil(s.warmupMicros() + s.measureMicros());
        double wall = (System.nanoTime() - wallStart) / 1e9;
        return new Result(recorder.count, wall, Arrays.copyOf(recorder.latencies, recorder.count),
                codec.appendEntries - appendsBefore, codec.entries - entriesBefore, sim.stats().sent() - sentBefore);
    }

    public static void run(PrintStream out, long measureMicros, long seed, List<Integer> clientCounts) {
        out.printf("raft-kv, 5 nodes, constant 1 ms links, closed-loop put clients (client i -> node i mod 5), %.0f virtual s measured after a 2 s warm-up%n",
                measureMicros / 1e6);
        out.println("baseline: the same without batching or pipelining (max-batch 1, max-inflight 1), in this process");
        out.printf("%-8s %13s %13s %9s %9s %10s %12s %13s %8s%n", "clients", "writes/wall-s", "writes/virt-s", "p50 ms",
                "p99 ms", "entries/AE", "msgs/write", "base w/virt-s", "ratio");
        // One busy run first warms the JIT for every client count: a one-client run alone is too
        // short for the compiler to catch up, and would measure the interpreter.
        measure(new Setup(100, 2_000_000, measureMicros, seed), true);
        for (int clients : clientCounts) {
            Setup setup = new Setup(clients, 2_000_000, measureMicros, seed);
            measure(setup, true);
            // Wall time on a shared machine is noisy: the median of three identical runs (the
            // virtual-time figures are the same in each, being deterministic).
            Result[] runs = {measure(setup, true), measure(setup, true), measure(setup, true)};
            Arrays.sort(runs, java.util.Comparator.comparingDouble(Result::writesPerWallSecond));
            Result batched = runs[1];
            Result plain = measure(setup, false);
            out.printf("%-8d %13.0f %13.0f %9.2f %9.2f %10.2f %12.1f %13.0f %7.2fx%n", clients, batched.writesPerWallSecond(),
                    batched.writes() / (measureMicros / 1e6), batched.percentile(0.50) / 1000.0,
                    batched.percentile(0.99) / 1000.0, batched.entriesSent() / (double) Math.max(1, batched.appendEntries()),
                    batched.messages() / (double) Math.max(1, batched.writes()), plain.writes() / (measureMicros / 1e6),
                    batched.writes() / (double) Math.max(1, plain.writes()));
        }
        out.println("writes/wall-s: median of three runs; ratio: committed writes in the same virtual time, batched and pipelined over the baseline");
    }

    /** Collects the latencies of writes completed inside the measured window. */
    private static final class Recorder {
        final long fromMicros;
        final long untilMicros;
        long[] latencies = new long[1 << 16];
        int count;

        Recorder(long fromMicros, long untilMicros) {
            this.fromMicros = fromMicros;
            this.untilMicros = untilMicros;
        }

        void completed(long sentMicros, long nowMicros) {
            if (sentMicros < fromMicros || nowMicros > untilMicros) {
                return;
            }
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nowMicros - sentMicros;
        }
    }

    /** One put open at a time; a put unanswered for a second is given up and a new one sent. */
    private static final class ClosedLoopClient implements Process {
        private final NodeId node;
        private final int index;
        private final long startMicros;
        private final Recorder recorder;
        private long requestId;
        private long sentMicros;
        private TimerId timeout;

        ClosedLoopClient(NodeId node, int index, long startMicros, Recorder recorder) {
            this.node = node;
            this.index = index;
            this.startMicros = startMicros;
            this.recorder = recorder;
        }

        @Override
        public void onStart(NodeContext ctx) {
            ctx.setTimer("start", startMicros);
        }

        @Override
        public void onMessage(NodeContext ctx, NodeId from, Message message) {
            if (message instanceof Reply reply && reply.requestId() == requestId) {
                ctx.cancelTimer(timeout);
                recorder.completed(sentMicros, ctx.nowMicros());
                send(ctx);
            }
        }

        @Override
        public void onTimer(NodeContext ctx, TimerId timer) {
            send(ctx);
        }

        private void send(NodeContext ctx) {
            requestId++;
            sentMicros = ctx.nowMicros();
            ctx.send(node, new Request(requestId, KvOp.put("k" + (index % 10), Long.toString(requestId))));
            timeout = ctx.setTimer("timeout", 1_000_000);
        }
    }

    /** The program's codec, counting AppendEntries and the entries they carry. */
    private static final class CountingCodec implements MessageCodec {
        private final MessageCodec inner;
        long appendEntries;
        long entries;

        CountingCodec(MessageCodec inner) {
            this.inner = inner;
        }

        @Override
        public void encode(Message message, WireWriter out) {
            if (message instanceof AppendEntries m && !m.entries().isEmpty()) {
                appendEntries++;
                entries += m.entries().size();
            }
            inner.encode(message, out);
        }

        @Override
        public Message decode(WireReader in) throws MalformedMessageException {
            return inner.decode(in);
        }
    }
}
