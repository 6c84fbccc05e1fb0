package io.mycel.node.raft;

/** Raft's bounds, kept together. */
final class RaftLimits {

    /** One command of the service; a larger one is a malformed message. */
    static final int MAX_COMMAND_BYTES = 64 * 1024;
    /** The service's snapshot, sent whole in one InstallSnapshot. */
    static final int MAX_SNAPSHOT_BYTES = 16 * 1024 * 1024;
    /** Entries one AppendEntries may carry on the wire (the leader sends at most the configured batch). */
    static final int MAX_ENTRIES_PER_MESSAGE = 4096;
    /** Reads waiting for their read index to be confirmed; past this, new reads are refused. */
    static final int MAX_PENDING_READS = 4096;
    /** Entries the leader may hold beyond what a majority has; past this, new proposals are refused. */
    static final int MAX_UNCOMMITTED_ENTRIES = 8192;

    private RaftLimits() {
    }
}
