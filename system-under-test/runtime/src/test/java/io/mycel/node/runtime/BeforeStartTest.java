package io.mycel.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.Message;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.PowerView;
import io.mycel.node.api.Process;
import io.mycel.node.api.SeededRandom;
import io.mycel.node.api.TimerId;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A node listens a moment before its process starts, and its peers may already be talking: a frame
 * in that moment is dropped and counted, as a message lost on the way would be, never handed to a
 * process whose {@code onStart} has not run (raft-kv dereferenced state it had not built yet, and the
 * node died; a harness asking nodes for their role widened the moment enough to see it).
 */
class BeforeStartTest {

    private record Ping(int n) implements Message {
    }

    private static final MessageCodec CODEC = new MessageCodec() {
        @Override
        public void encode(Message message, WireWriter out) {
            out.writeInt(((Ping) message).n());
        }

        @Override
        public Message decode(WireReader in) throws io.mycel.node.api.MalformedMessageException {
            return new Ping(in.readInt());
        }
    };

    @Test
    void framesBeforeStartAreDroppedAndCounted() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Process process = new Process() {
            @Override
            public void onStart(NodeContext ctx) {
                seen.add("start");
            }

            @Override
            public void onMessage(NodeContext ctx, NodeId from, Message message) {
                seen.add("message " + ((Ping) message).n());
            }

            @Override
            public void onTimer(NodeContext ctx, TimerId timer) {
            }
        };
        NodeId n1 = NodeId.of("n1");
        NodeId n2 = NodeId.of("n2");
        InetAddress loopback = InetAddress.getLoopbackAddress();
        NodeMetrics metrics = new NodeMetrics("n1");
        MonotonicClock clock = MonotonicClock.fromZero();
        try (EventLoopHost host = new EventLoopHost("n1", clock, new NodeLog(java.io.OutputStream.nullOutputStream(), clock, "n1"),
                metrics, TransportLimits.DEFAULT, Map.of(n2, new InetSocketAddress(loopback, 1)), loopback)) {
            host.add(n1, Hello.Role.PEER, List.of(n1, n2), CODEC, process, new VolatileStore(), new SeededRandom(1),
                    PowerView.MAINS, (endpoint, e) -> seen.add("failed " + e));
            InetSocketAddress address = host.listen(new InetSocketAddress(loopback, 0));
            try (Socket peer = new Socket(address.getAddress(), address.getPort())) {
                DataOutputStream out = new DataOutputStream(peer.getOutputStream());
                frame(out, new Hello(Hello.Role.PEER, n2, n1).encode());
                frame(out, CODEC.toBytes(new Ping(1)));
                awaitDropped(metrics, 1);
                host.start();
                host.call(() -> null);   // onStart has run once a later task has
                frame(out, CODEC.toBytes(new Ping(2)));
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (seen.size() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
            }
        }
        assertEquals(List.of("start", "message 2"), seen, () -> "the early frame never reached the process: " + metrics.scrape());
        assertEquals(1, metrics.droppedCount("before-start"));
    }

    private static void awaitDropped(NodeMetrics metrics, long count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (metrics.droppedCount("before-start") < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(metrics.droppedCount("before-start") >= count, "the frame before start was counted");
    }

    private static void frame(DataOutputStream out, byte[] payload) throws java.io.IOException {
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }
}
