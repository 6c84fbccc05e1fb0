package io.mycel.node.api;

/**
 * One step of an operation a node performs on its own rather than for a client, such as a restarted
 * node releasing the names its lost tasks held. The node announces each step with an emitted event;
 * the program's {@link ClientAdapter#nodeOperation} reads it back, so the lab's history holds the
 * operation beside the clients' and a checker judges them together.
 *
 * @param id names the operation across its steps, unique within a run (the node's incarnation, say)
 * @param phase whether it starts here or ends, and how
 * @param f the operation, as a model knows it
 * @param value its value in the history
 */
public record NodeOperation(String id, Phase phase, String f, Object value) {

    public enum Phase {
        /** The node starts the operation. */
        INVOKE,
        /** It took effect. */
        OK,
        /** It certainly did not take effect. */
        FAIL
    }

    public NodeOperation {
        if (id == null || phase == null || f == null) {
            throw new IllegalArgumentException("a node operation has an id, a phase and a name");
        }
    }
}
