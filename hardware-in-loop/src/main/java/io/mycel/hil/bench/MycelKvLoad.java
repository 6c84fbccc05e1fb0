package io.mycel.hil.bench;

import io.mycel.node.api.ClientAdapter;
import io.mycel.node.api.ClientCall;
import io.mycel.node.api.ClientReply;
import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.PowerView;
import io.mycel.node.api.Process;
import io.mycel.node.api.Program;
import io.mycel.node.api.SeededRandom;
import io.mycel.node.api.TimerId;
import io.mycel.node.runtime.EventLoopHost;
import io.mycel.node.runtime.Hello;
import io.mycel.node.runtime.MonotonicClock;
import io.mycel.node.runtime.NodeLog;
import io.mycel.node.runtime.NodeMetrics;
import io.mycel.node.runtime.TransportLimits;
import io.mycel.node.runtime.VolatileStore;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * Closed-loop writers against real raft-kv nodes: each client puts, waits for the answer, and puts
 * again, spread over the nodes in turn (a follower forwards to the leader). All clients share one
 * event loop of the harness, as the scenario workload does. Only writes sent after the warm-up and
 * answered before the end count.
 */
final class MycelKvLoad {

    private static final long TIMEOUT_MICROS = 2_000_000;

    private MycelKvLoad() {
    }

    static LoadResult run(Program program, Map<NodeId, InetSocketAddress> nodes, int clients, double warmupSeconds,
                          double seconds) throws InterruptedException {
        MonotonicClock clock = MonotonicClock.fromZero();
        long measureFrom = (long) (warmupSeconds * 1e6);
        long measureUntil = measureFrom + (long) (seconds * 1e6);
        LatencyLog log = new LatencyLog();
        List<NodeId> ids = List.copyOf(nodes.keySet());
        try (EventLoopHost host = new EventLoopHost("bench", clock, new NodeLog(OutputStream.nullOutputStream(), clock, "bench"),
                new NodeMetrics("bench"), TransportLimits.DEFAULT, nodes, null)) {
            for (int i = 0; i < clients; i++) {
                NodeId client = NodeId.of("@w" + (i + 1));
                host.add(client, Hello.Role.CLIENT, ids, program.codec(),
                        new Writer(program.client(), ids.get(i % ids.size()), log, measureFrom, measureUntil),
                        new VolatileStore(), new SeededRandom(i + 1), PowerView.MAINS, (endpoint, error) -> {
                            throw new IllegalStateException("bench client threw", error);
                        });
            }
            host.start();
            while (clock.nowMicros() < measureUntil + 200_000) {
                Thread.sleep(50);
            }
            return host.call(() -> log.result("mycel raft-kv", clients, seconds));
        }
    }

    /** One closed-loop writer. */
    private static final class Writer implements Process {
        private final ClientAdapter adapter;
        private final NodeId node;
        private final LatencyLog log;
        private final long measureFrom;
        private final long measureUntil;
        private long requestId;
        private long sentAt;
        private TimerId timeout;

        Writer(ClientAdapter adapter, NodeId node, LatencyLog log, long measureFrom, long measureUntil) {
            this.adapter = adapter;
            this.node = node;
            this.log = log;
            this.measureFrom = measureFrom;
            this.measureUntil = measureUntil;
        }

        @Override
        public void onStart(NodeContext ctx) {
            send(ctx);
        }

        @Override
        public void onMessage(NodeContext ctx, NodeId from, Message message) {
            ClientReply reply = adapter.reply(message);
            if (reply == null || reply.requestId() != requestId) {
                return;
            }
            ctx.cancelTimer(timeout);
            long now = ctx.nowMicros();
            if (sentAt >= measureFrom && now <= measureUntil) {
                if (reply.applied()) {
                    log.ok(now - sentAt);
                } else {
                    log.failed();
                }
            }
            if (now < measureUntil) {
                send(ctx);
            }
        }

        @Override
        public void onTimer(NodeContext ctx, TimerId timer) {
            if (sentAt >= measureFrom && ctx.nowMicros() <= measureUntil) {
                log.failed();
            }
            if (ctx.nowMicros() < measureUntil) {
                send(ctx);
            }
        }

        private void send(NodeContext ctx) {
            ClientCall put = adapter.call("put", ++requestId, ctx.random());
            sentAt = ctx.nowMicros();
            ctx.send(node, put.request());
            timeout = ctx.setTimer("timeout", TIMEOUT_MICROS);
        }
    }
}
