package io.mycel.node.pubsub;

/**
 * How much a broker keeps per session.
 *
 * @param maxInflight QoS 1 and 2 messages sent to a client and not yet acknowledged (MQTT 5's
 *     receive maximum, from the broker's side)
 * @param maxQueued messages waiting behind those, or for an absent client to come back; past it new
 *     ones are dropped and counted
 * @param syncIntervalMicros how often a broker tells its peers its subscribers' filters again
 * @param resendIntervalMicros how long a QoS 1 or 2 forward waits for a peer's acknowledgement before it goes again
 * @param maxForwardQueue forwards a broker keeps for one peer that has not acknowledged them; past it new ones are dropped
 */
public record BrokerLimits(int maxInflight, int maxQueued, long syncIntervalMicros, long resendIntervalMicros,
                           int maxForwardQueue) {

    public static final BrokerLimits DEFAULT = new BrokerLimits(32, 1000, 1_000_000, 500_000, 10_000);

    public BrokerLimits {
        if (maxInflight < 1 || maxInflight > 0xFFFF || maxQueued < 0 || syncIntervalMicros < 1 || resendIntervalMicros < 1
                || maxForwardQueue < 1) {
            throw new IllegalArgumentException("max-inflight must be 1..65535, max-queued at least 0, the intervals and "
                    + "max-forward-queue positive");
        }
    }

    /** Other session limits, the cluster's as by default. */
    public static BrokerLimits of(int maxInflight, int maxQueued) {
        return new BrokerLimits(maxInflight, maxQueued, DEFAULT.syncIntervalMicros, DEFAULT.resendIntervalMicros,
                DEFAULT.maxForwardQueue);
    }
}
