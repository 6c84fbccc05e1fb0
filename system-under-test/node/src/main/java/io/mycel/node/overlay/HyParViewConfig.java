package io.mycel.node.overlay;

/**
 * HyParView's tuning (the paper's names in brackets).
 *
 * @param activeSize the active view's capacity [c + 1]
 * @param passiveSize the passive view's capacity [k (c + 1)]
 * @param activeWalk hops of a forward-join walk [ARWL]
 * @param passiveWalk the hop at which a forward-join also enters the passive view [PRWL]
 * @param shuffleIntervalMicros time between two shuffles of a node
 * @param shuffleActive active-view entries a shuffle carries [ka]
 * @param shufflePassive passive-view entries a shuffle carries [kp]
 * @param heartbeatIntervalMicros time between two keep-alives on each active link
 * @param failureTimeoutMicros an active neighbour silent this long is taken to have failed
 */
public record HyParViewConfig(int activeSize, int passiveSize, int activeWalk, int passiveWalk,
                              long shuffleIntervalMicros, int shuffleActive, int shufflePassive,
                              long heartbeatIntervalMicros, long failureTimeoutMicros) {

    public HyParViewConfig {
        if (activeSize < 1 || passiveSize < 1 || passiveWalk > activeWalk) {
            throw new IllegalArgumentException("HyParView needs views of at least 1 and a passive walk no longer than the active walk");
        }
        if (shuffleActive + shufflePassive + 1 > OverlayLimits.MAX_VIEW_ENTRIES) {
            throw new IllegalArgumentException("a shuffle carries at most " + OverlayLimits.MAX_VIEW_ENTRIES + " nodes");
        }
        if (failureTimeoutMicros <= heartbeatIntervalMicros) {
            throw new IllegalArgumentException("the failure timeout must be longer than the heartbeat interval");
        }
    }
}
