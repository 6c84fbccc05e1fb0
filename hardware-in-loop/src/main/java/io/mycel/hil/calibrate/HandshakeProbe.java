package io.mycel.hil.calibrate;

import io.mycel.node.api.NodeId;
import io.mycel.node.runtime.identity.NodeIdentity;
import io.mycel.node.runtime.identity.NodeKey;
import io.mycel.node.runtime.identity.NodeTokens;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * Measures the handshake of a real link between two nodes (TLS 1.3, both sides showing the
 * certificate that carries their token, as {@link NodeIdentity} makes them) on this machine: the
 * bytes of each flight and the CPU each side spends. The two engines talk through memory, so
 * nothing but the handshake itself is counted. These are the figures the simulator's model of a
 * secure link's cost is built from ({@code network: secure-links:} in a scenario); on a Pi, they
 * are that Pi's.
 */
public final class HandshakeProbe {

    /** One flight: the bytes one side sent before the other answered. */
    public record Flight(boolean fromInitiator, int bytes) {
    }

    /**
     * @param flights in order, with the responder's post-handshake messages (a session ticket) as its last flight
     * @param initiatorCpuMicros CPU the side that opened the link spent, median over the rounds
     * @param responderCpuMicros CPU the side that accepted it spent, median over the rounds
     */
    public record Result(List<Flight> flights, long initiatorCpuMicros, long responderCpuMicros) {

        public int bytes(int flight) {
            return flight < flights.size() ? flights.get(flight).bytes() : 0;
        }

        public int totalBytes() {
            return flights.stream().mapToInt(Flight::bytes).sum();
        }
    }

    private static final NodeId INITIATOR = NodeId.of("n1");
    private static final NodeId RESPONDER = NodeId.of("n2");

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final NodeIdentity initiator;
    private final NodeIdentity responder;

    /** Makes an authority and two node identities under {@code dir}. */
    public HandshakeProbe(Path dir) throws IOException {
        NodeTokens authority = NodeTokens.init(dir.resolve("authority"));
        this.initiator = identity(dir, authority, INITIATOR);
        this.responder = identity(dir, authority, RESPONDER);
    }

    private static NodeIdentity identity(Path dir, NodeTokens authority, NodeId id) throws IOException {
        Path key = dir.resolve(id.name() + "-key.jwk");
        Path token = dir.resolve(id.name() + ".token");
        Files.writeString(token, authority.issue(NodeTokens.DEFAULT_ISSUER, id, NodeKey.loadOrCreate(key).publicJwk(), Instant.now(),
                Duration.ofHours(1)));
        NodeIdentity.Config config = new NodeIdentity.Config(key, token, authority.publicKeys(), NodeTokens.DEFAULT_ISSUER);
        return NodeIdentity.open(id, Set.of(INITIATOR, RESPONDER), config, () -> System.currentTimeMillis() * 1000);
    }

    /**
     * Runs {@code warmup} handshakes unmeasured, then {@code rounds} measured ones: full handshakes,
     * or ones that resume the session of the one before (as a node does when it dials a peer again
     * while both still hold the session: the certificates are not sent or checked again).
     */
    public Result measure(int warmup, int rounds, boolean resumed) throws SSLException {
        handshake(!resumed);
        for (int i = 0; i < warmup; i++) {
            handshake(!resumed);
        }
        long[] initiatorCpu = new long[rounds];
        long[] responderCpu = new long[rounds];
        List<Flight> flights = List.of();
        for (int i = 0; i < rounds; i++) {
            Run run = handshake(!resumed);
            initiatorCpu[i] = run.cpuNanos[0] / 1000;
            responderCpu[i] = run.cpuNanos[1] / 1000;
            flights = run.flights;
        }
        return new Result(flights, median(initiatorCpu), median(responderCpu));
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** What one handshake took: its flights, and each side's CPU nanoseconds (initiator, responder). */
    private static final class Run {
        final List<Flight> flights = new ArrayList<>();
        final long[] cpuNanos = new long[2];

        void sent(boolean fromInitiator, int bytes) {
            if (bytes == 0) {
                return;
            }
            int last = flights.size() - 1;
            if (last >= 0 && flights.get(last).fromInitiator() == fromInitiator) {
                flights.set(last, new Flight(fromInitiator, flights.get(last).bytes() + bytes));
            } else {
                flights.add(new Flight(fromInitiator, bytes));
            }
        }
    }

    /** One handshake; with {@code forget}, both sides drop its session after, so the next is full again. */
    private Run handshake(boolean forget) throws SSLException {
        SSLEngine client = initiator.clientHandler(ByteBufAllocator.DEFAULT, RESPONDER).engine();
        SSLEngine server = responder.serverHandler(ByteBufAllocator.DEFAULT).engine();
        int size = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(4 * size);
        ByteBuffer toClient = ByteBuffer.allocate(4 * size);
        Run run = new Run();
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < 100; step++) {
            boolean moved = side(run, client, true, toClient, toServer) | side(run, server, false, toServer, toClient);
            if (done(client) && done(server) && toServer.position() == 0 && toClient.position() == 0) {
                if (forget) {
                    client.getSession().invalidate();
                    server.getSession().invalidate();
                }
                return run;
            }
            if (!moved) {
                throw new SSLException("the handshake stalled: client " + client.getHandshakeStatus() + ", server "
                        + server.getHandshakeStatus());
            }
        }
        throw new SSLException("the handshake did not finish in 100 steps");
    }

    private static boolean done(SSLEngine engine) {
        HandshakeStatus s = engine.getHandshakeStatus();
        return s == HandshakeStatus.NOT_HANDSHAKING || s == HandshakeStatus.FINISHED;
    }

    /**
     * Lets one engine read what the other sent ({@code in}, in write mode) and write what it has to
     * ({@code out}); its CPU time is added to its side. True when it read or wrote anything.
     */
    private boolean side(Run run, SSLEngine engine, boolean initiatorSide, ByteBuffer in, ByteBuffer out) throws SSLException {
        long start = threads.getCurrentThreadCpuTime();
        boolean moved = false;
        ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        ByteBuffer empty = ByteBuffer.allocate(0);
        for (int i = 0; i < 50; i++) {
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
                moved = true;
            } else if (status == HandshakeStatus.NEED_WRAP) {
                int before = out.position();
                SSLEngineResult r = engine.wrap(empty, out);
                run.sent(initiatorSide, out.position() - before);
                moved |= r.bytesProduced() > 0 || r.getHandshakeStatus() != status;
            } else if (in.position() > 0) {
                in.flip();
                SSLEngineResult r = engine.unwrap(in, app);
                in.compact();
                if (r.bytesConsumed() == 0 && r.getHandshakeStatus() == status) {
                    break;
                }
                moved = true;
            } else {
                break;
            }
        }
        run.cpuNanos[initiatorSide ? 0 : 1] += threads.getCurrentThreadCpuTime() - start;
        return moved;
    }
}
