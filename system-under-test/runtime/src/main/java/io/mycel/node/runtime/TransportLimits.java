package io.mycel.node.runtime;

/**
 * The bounds that keep a node alive when the network misbehaves: how big a frame may be, how much
 * may wait for a peer, how many connections it accepts and how long a connection may stay silent
 * before saying who it is.
 *
 * @param maxFrameBytes largest frame accepted or sent; a longer length prefix closes the connection
 * @param maxQueuedFrames frames kept for a peer that is not connected; past this the oldest go
 * @param writeHighWaterBytes bytes buffered on a connection past which new frames are dropped
 * @param maxInboundConnections connections accepted at once; more are closed at once
 * @param helloTimeoutMicros how long a new connection has to send its hello
 * @param minBackoffMicros first delay before reconnecting to a peer
 * @param maxBackoffMicros longest delay between reconnection attempts
 * @param keepaliveMicros how often a connection with nothing else to say sends an empty frame, which
 *     the other side answers in kind
 * @param silenceMicros how long a connection may go without hearing anything before it is closed and
 *     opened again: after a partition heals, a connection whose segments were dropped would otherwise
 *     wait out TCP's retransmission backoff, seconds at a time
 */
public record TransportLimits(int maxFrameBytes, int maxQueuedFrames, int writeHighWaterBytes,
                              int maxInboundConnections, long helloTimeoutMicros,
                              long minBackoffMicros, long maxBackoffMicros, long keepaliveMicros, long silenceMicros) {

    public static final TransportLimits DEFAULT =
            new TransportLimits(4 << 20, 1024, 1 << 20, 256, 5_000_000, 50_000, 2_000_000, 300_000, 1_500_000);

    public TransportLimits {
        if (maxFrameBytes < 64 || maxQueuedFrames < 1 || writeHighWaterBytes < maxFrameBytes / 4
                || maxInboundConnections < 1 || helloTimeoutMicros <= 0 || minBackoffMicros <= 0
                || maxBackoffMicros < minBackoffMicros || keepaliveMicros <= 0 || silenceMicros < 2 * keepaliveMicros) {
            throw new IllegalArgumentException("transport limits out of range: " + this);
        }
    }
}
