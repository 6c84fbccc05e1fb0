package io.mycel.node.raft;

/**
 * Raft's timing and batching.
 *
 * @param electionTimeoutMinMicros a follower that hears no leader for a time drawn uniformly from
 *     [min, max] starts a pre-vote; it also ignores votes for others within min of a leader's message
 * @param heartbeatIntervalMicros a leader's heartbeat period, well below the election timeout
 * @param maxBatchEntries entries per AppendEntries
 * @param maxInflight AppendEntries with entries in flight to one follower (the pipeline's depth)
 * @param snapshotEveryEntries applied entries after which the log is compacted into a snapshot
 * @param leaderMaxTenureMicros a leader hands leadership over after leading this long; 0 never
 *     (it also hands over when its power runs low)
 * @param initialVoters how many of the cluster's nodes, in its order, vote before any membership
 *     change; 0 for all of them (the others follow the log as learners)
 * @param refreshIntervalMicros how often a node learns how fresh its local state is (for reads with
 *     a stated staleness); 0 never
 */
public record RaftConfig(long electionTimeoutMinMicros, long electionTimeoutMaxMicros, long heartbeatIntervalMicros,
                         int maxBatchEntries, int maxInflight, int snapshotEveryEntries, long leaderMaxTenureMicros,
                         int initialVoters, long refreshIntervalMicros, RaftBug bug) {

    public RaftConfig {
        if (electionTimeoutMinMicros <= 0 || electionTimeoutMaxMicros < electionTimeoutMinMicros) {
            throw new IllegalArgumentException("election timeout range " + electionTimeoutMinMicros + ".."
                    + electionTimeoutMaxMicros + " us is empty");
        }
        if (heartbeatIntervalMicros <= 0 || heartbeatIntervalMicros >= electionTimeoutMinMicros) {
            throw new IllegalArgumentException("heartbeat interval " + heartbeatIntervalMicros
                    + " us must be above 0 and below the election timeout " + electionTimeoutMinMicros + " us");
        }
        if (maxBatchEntries < 1 || maxBatchEntries > RaftLimits.MAX_ENTRIES_PER_MESSAGE || maxInflight < 1
                || snapshotEveryEntries < 1 || leaderMaxTenureMicros < 0 || initialVoters < 0 || refreshIntervalMicros < 0) {
            throw new IllegalArgumentException("batch 1.." + RaftLimits.MAX_ENTRIES_PER_MESSAGE
                    + ", in-flight and snapshot interval at least 1");
        }
    }
}
