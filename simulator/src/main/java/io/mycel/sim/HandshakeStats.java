package io.mycel.sim;

/**
 * The handshakes of a run with secure links: how many opened a link (and how many of those resumed
 * a session), how many failed (a partition, an end down or asleep), and what they cost both sides
 * together in bytes sent and CPU time.
 */
public record HandshakeStats(long completed, long resumed, long failed, long bytes, long cpuMicros) {
}
