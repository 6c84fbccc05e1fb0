package io.mycel.node.pubsub;

/**
 * How much a broker keeps per session.
 *
 * @param maxInflight QoS 1 and 2 messages sent to a client and not yet acknowledged (MQTT 5's
 *     receive maximum, from the broker's side)
 * @param maxQueued messages waiting behind those, or for an absent client to come back; past it new
 *     ones are dropped and counted
 */
public record BrokerLimits(int maxInflight, int maxQueued) {

    public static final BrokerLimits DEFAULT = new BrokerLimits(32, 1000);

    public BrokerLimits {
        if (maxInflight < 1 || maxInflight > 0xFFFF || maxQueued < 0) {
            throw new IllegalArgumentException("max-inflight must be 1..65535 and max-queued at least 0");
        }
    }
}
