package io.mycel.hil.calibrate;

import io.mycel.node.api.NodeId;
import io.mycel.node.runtime.identity.LoopbackHandshake;
import io.mycel.node.runtime.identity.LoopbackHandshake.Flight;
import io.mycel.node.runtime.identity.NodeIdentity;
import io.mycel.node.runtime.identity.NodeKey;
import io.mycel.node.runtime.identity.NodeTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Measures the handshake of a real link between two nodes (TLS 1.3, both sides showing the
 * certificate that carries their token, as {@link NodeIdentity} makes them) on this machine: the
 * bytes of each flight and the CPU each side spends. The two engines talk through memory
 * ({@link LoopbackHandshake}), so nothing but the handshake itself is counted. These are the figures the simulator's model of a
 * secure link's cost is built from ({@code network: secure-links:} in a scenario); on a Pi, they
 * are that Pi's.
 */
public final class HandshakeProbe {

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
            LoopbackHandshake run = handshake(!resumed);
            initiatorCpu[i] = run.initiatorCpuNanos() / 1000;
            responderCpu[i] = run.responderCpuNanos() / 1000;
            flights = run.flights();
        }
        return new Result(flights, median(initiatorCpu), median(responderCpu));
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** One handshake; with {@code forget}, both sides drop its session after, so the next is full again. */
    private LoopbackHandshake handshake(boolean forget) throws SSLException {
        LoopbackHandshake h;
        try {
            h = new LoopbackHandshake(initiator, responder, RESPONDER).run().checkPeers();
        } catch (io.mycel.node.runtime.identity.IdentityException e) {
            throw new SSLException("a peer does not hold: " + e.getMessage(), e);
        }
        if (forget) {
            h.client().getSession().invalidate();
            h.server().getSession().invalidate();
        }
        return h;
    }
}
