package io.mycel.node.raft;

/** What became of a request to change the voters; {@code index} is the configuration entry's, or -1. */
public record VoterChange(Outcome outcome, long index) {

    public enum Outcome {
        /** The configuration entry is in the leader's log at {@code index}; it is done once committed. */
        APPENDED,
        /** The voters already are what was asked for, in a committed configuration. */
        UNCHANGED,
        NOT_LEADER,
        /** Another change is not yet committed, or this leader has not committed an entry of its term yet. */
        BUSY,
        /** The node is not one of the cluster's, or the change would leave no voter. */
        REFUSED
    }
}
