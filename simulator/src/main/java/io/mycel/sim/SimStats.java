package io.mycel.sim;

import java.util.Map;

/**
 * Counts of a run so far.
 *
 * @param dropped messages dropped, by reason: loss, partition, down, malformed, unknown-destination (and with
 *     secure links asleep, handshake-queue-full)
 * @param handshakes the handshakes of secure links (all zero without them)
 */
public record SimStats(long events, long sent, long delivered, long duplicated, long bytesSent,
                       Map<String, Long> dropped, HandshakeStats handshakes) {

    public static final HandshakeStats NO_HANDSHAKES = new HandshakeStats(0, 0, 0, 0, 0);

    public SimStats(long events, long sent, long delivered, long duplicated, long bytesSent, Map<String, Long> dropped) {
        this(events, sent, delivered, duplicated, bytesSent, dropped, NO_HANDSHAKES);
    }
}
