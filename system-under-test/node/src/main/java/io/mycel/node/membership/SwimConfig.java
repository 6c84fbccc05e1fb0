package io.mycel.node.membership;

/**
 * SWIM's tuning.
 *
 * @param probeIntervalMicros the protocol period T: one probe per member per period
 * @param probeTimeoutMicros how long to wait for a direct ack before asking others to probe
 * @param indirectProbes k, the members asked to probe indirectly
 * @param suspicionPeriods periods a member stays suspect before it is declared dead
 * @param piggybackPerMessage updates carried by one message (at most {@link SwimLimits#MAX_PIGGYBACKED_UPDATES})
 * @param retransmitMultiplier lambda: each update is piggybacked lambda * ceil(log2(n + 1)) times
 */
public record SwimConfig(long probeIntervalMicros, long probeTimeoutMicros, int indirectProbes,
                         int suspicionPeriods, int piggybackPerMessage, int retransmitMultiplier) {

    public SwimConfig {
        if (probeTimeoutMicros <= 0 || probeTimeoutMicros >= probeIntervalMicros) {
            throw new IllegalArgumentException("probe timeout " + probeTimeoutMicros
                    + " us must be positive and shorter than the probe interval " + probeIntervalMicros + " us");
        }
        if (piggybackPerMessage < 1 || piggybackPerMessage > SwimLimits.MAX_PIGGYBACKED_UPDATES) {
            throw new IllegalArgumentException("piggyback per message must be in 1.." + SwimLimits.MAX_PIGGYBACKED_UPDATES);
        }
    }
}
