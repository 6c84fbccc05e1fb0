package io.mycel.node.raft;

/** A process that runs a {@link RaftNode}, so invariants and tests can read its state. */
public interface RaftHolder {

    RaftNode raft();
}
