package io.mycel.node.raft;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.NodeContext;

/** The replicated service above Raft: it applies committed commands and snapshots its state. */
public interface RaftService {

    /** Applies a committed entry. Every index comes once, in order; no-ops too, so none is skipped. */
    void apply(NodeContext ctx, LogEntry entry);

    /** The service's whole state as of the last applied entry. */
    byte[] snapshot();

    /**
     * Replaces the service's state with a snapshot's (at start, or installed from the leader). A
     * malformed snapshot is refused and changes nothing.
     */
    void restore(byte[] snapshot) throws MalformedMessageException;

    /** A read registered with {@link RaftNode#read} may now be served from the local state. */
    void readReady(NodeContext ctx, long token);
}
