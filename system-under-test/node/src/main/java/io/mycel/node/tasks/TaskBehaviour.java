package io.mycel.node.tasks;

import io.mycel.node.api.NodeContext;

/**
 * What a lightweight task does: a state machine fed from its mailbox, one message at a time, on the
 * node's event loop. A handler that throws crashes the task; its supervisor restarts it from its
 * last checkpoint (its mailbox is lost with it, as on the BEAM).
 */
public interface TaskBehaviour {

    /** Takes up the state of {@code from} ({@link Checkpoint#EMPTY} for a fresh task). */
    void restore(Checkpoint from);

    /** Handles one message from the mailbox. */
    void handle(NodeContext ctx, Object message);

    /** The state now, to be saved. */
    Checkpoint checkpoint();
}
