package io.mycel.node.gcounter;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeId;
import java.util.SortedMap;

/** The messages of the grow-only counter: client requests and replies, and anti-entropy gossip. */
final class GCounterMessages {

    private GCounterMessages() {
    }

    /** Client asks to add {@code delta} (positive) to the counter. */
    record Add(long requestId, long delta) implements Message {
    }

    /** The add is applied (and, unless the planted bug is on, durable). */
    record AddOk(long requestId) implements Message {
    }

    /** Client asks for the counter's value as this node sees it. */
    record Read(long requestId) implements Message {
    }

    record ReadOk(long requestId, long value) implements Message {
    }

    /**
     * One node's whole counter state, per origin node. A push ({@code reply} false) asks the
     * receiver to answer with its own state if it knows something the sender does not (push-pull).
     */
    record Gossip(SortedMap<NodeId, Long> counts, boolean reply) implements Message {
    }
}
