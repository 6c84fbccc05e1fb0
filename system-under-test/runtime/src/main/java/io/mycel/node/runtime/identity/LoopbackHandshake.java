package io.mycel.node.runtime.identity;

import io.mycel.node.api.NodeId;
import io.netty.buffer.ByteBufAllocator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * One handshake between two nodes' real TLS engines, as their links make it, passed through memory
 * on the calling thread: for measuring what a handshake costs (the bytes of each flight, each side's
 * CPU) and for testing what each side proves, without sockets.
 */
public final class LoopbackHandshake {

    /** One flight: the bytes one side sent before the other answered. */
    public record Flight(boolean fromInitiator, int bytes) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final NodeIdentity initiator;
    private final NodeIdentity responder;
    private final NodeId responderId;
    private final SSLEngine client;
    private final SSLEngine server;
    private final List<Flight> flights = new ArrayList<>();
    private final long[] cpuNanos = new long[2];

    /** A handshake from {@code initiator}, meaning to reach {@code responderId}, to {@code responder}. */
    public LoopbackHandshake(NodeIdentity initiator, NodeIdentity responder, NodeId responderId) {
        this.initiator = initiator;
        this.responder = responder;
        this.responderId = responderId;
        this.client = initiator.clientHandler(ByteBufAllocator.DEFAULT, responderId).engine();
        this.server = responder.serverHandler(ByteBufAllocator.DEFAULT).engine();
    }

    /** Runs the handshake to its end (with the answerer's session ticket); throws when either side refuses. */
    public LoopbackHandshake run() throws SSLException {
        int size = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(4 * size);
        ByteBuffer toClient = ByteBuffer.allocate(4 * size);
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < 100; step++) {
            boolean moved = side(client, true, toClient, toServer) | side(server, false, toServer, toClient);
            if (done(client) && done(server) && toServer.position() == 0 && toClient.position() == 0) {
                return this;
            }
            if (!moved) {
                throw new SSLException("the handshake stalled: client " + client.getHandshakeStatus() + ", server "
                        + server.getHandshakeStatus());
            }
        }
        throw new SSLException("the handshake did not finish in 100 steps");
    }

    /**
     * Each side's check of the other once the handshake is done, as a real link makes it
     * ({@link NodeIdentity#proven}), its CPU time added to that side's.
     */
    public LoopbackHandshake checkPeers() throws IdentityException {
        long start = THREADS.getCurrentThreadCpuTime();
        initiator.proven(client.getSession(), responderId);
        long mid = THREADS.getCurrentThreadCpuTime();
        responder.proven(server.getSession(), null);
        cpuNanos[0] += mid - start;
        cpuNanos[1] += THREADS.getCurrentThreadCpuTime() - mid;
        return this;
    }

    public SSLEngine client() {
        return client;
    }

    public SSLEngine server() {
        return server;
    }

    public List<Flight> flights() {
        return List.copyOf(flights);
    }

    /** CPU nanoseconds the opener spent, then the answerer. */
    public long initiatorCpuNanos() {
        return cpuNanos[0];
    }

    public long responderCpuNanos() {
        return cpuNanos[1];
    }

    private static boolean done(SSLEngine engine) {
        HandshakeStatus s = engine.getHandshakeStatus();
        return s == HandshakeStatus.NOT_HANDSHAKING || s == HandshakeStatus.FINISHED;
    }

    /**
     * Lets one engine read what the other sent ({@code in}, in write mode) and write what it has to
     * ({@code out}); its CPU time is added to its side. True when it read or wrote anything.
     */
    private boolean side(SSLEngine engine, boolean initiatorSide, ByteBuffer in, ByteBuffer out) throws SSLException {
        long start = THREADS.getCurrentThreadCpuTime();
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
                sent(initiatorSide, out.position() - before);
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
        cpuNanos[initiatorSide ? 0 : 1] += THREADS.getCurrentThreadCpuTime() - start;
        return moved;
    }

    private void sent(boolean fromInitiator, int bytes) {
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
