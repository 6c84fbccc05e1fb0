package io.mycel.node.presence;

/**
 * @param heartbeatIntervalMicros how often a node broadcasts its table, changed or not
 * @param timeoutMicros a node not heard from for this long has its presences hidden (crashed, or cut off)
 * @param expire false plants a bug: presences of nodes gone silent are never hidden
 */
public record PresenceConfig(long heartbeatIntervalMicros, long timeoutMicros, boolean expire) {

    public PresenceConfig {
        if (timeoutMicros <= heartbeatIntervalMicros) {
            throw new IllegalArgumentException("the presence timeout must be longer than the heartbeat interval");
        }
    }
}
