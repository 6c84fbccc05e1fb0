package io.mycel.node.raft;

import java.util.Arrays;
import java.util.List;

/** Classic Raft bugs a scenario can plant, so the lab can show it catches each one. */
public enum RaftBug {
    NONE("none"),
    /**
     * Votes are granted without checking that the candidate's log is at least as up to date (§5.4.1),
     * so a node missing committed entries can win and overwrite them.
     */
    VOTE_WITHOUT_LOG_CHECK("vote-without-log-check"),
    /**
     * A leader answers reads from its own state at once, with no heartbeat round to confirm it is
     * still leader: a deposed leader on the minority side serves stale values.
     */
    READS_WITHOUT_QUORUM("reads-without-quorum"),
    /**
     * A follower truncates its log after {@code prevLogIndex} on every AppendEntries, even when the
     * entries it holds match: a delayed, older AppendEntries then removes entries the follower had
     * acknowledged, so an entry counted as committed can vanish from a majority.
     */
    TRUNCATE_ON_STALE_APPEND("truncate-on-stale-append"),
    /**
     * A follower takes the leader's commit index up to the end of its own log, not just up to the
     * last entry the message proved to match: stale entries of an old term get applied.
     */
    COMMIT_BEYOND_MATCH("commit-beyond-match"),
    /**
     * Not Raft's own but the service's on top: the store takes a fenced put whatever its token, so
     * a client whose lock lease ran out overwrites what the lock's next holder wrote.
     */
    UNFENCED_WRITES("unfenced-writes"),
    /**
     * A node takes its state to be fresh whenever it hears from a leader (or is one), instead of
     * learning a read index: a deposed leader's followers, or a follower behind on applying, state
     * a staleness far below the truth.
     */
    STALENESS_FROM_HEARTBEAT("staleness-from-heartbeat"),
    /**
     * Not Raft's own but the process registry's: a restarted node does not release the names its
     * earlier life's tasks held, so they stay registered to tasks that died in the crash.
     */
    NAMES_OUTLIVE_TASKS("names-outlive-tasks");

    private final String label;

    RaftBug(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static List<String> labels() {
        return Arrays.stream(values()).map(RaftBug::label).toList();
    }

    public static RaftBug of(String label) {
        for (RaftBug bug : values()) {
            if (bug.label.equals(label)) {
                return bug;
            }
        }
        throw new IllegalArgumentException("no raft bug " + label + "; one of " + labels());
    }
}
