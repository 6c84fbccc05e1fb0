package io.mycel.sim;

import java.util.Map;

/**
 * Counts of a run so far.
 *
 * @param dropped messages dropped, by reason: loss, partition, down, malformed, unknown-destination
 */
public record SimStats(long events, long sent, long delivered, long duplicated, long bytesSent,
                       Map<String, Long> dropped) {
}
