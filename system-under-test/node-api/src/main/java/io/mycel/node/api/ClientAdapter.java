package io.mycel.node.api;

import java.util.List;

/**
 * The client side of a program: builds request messages for workload operations and reads replies
 * back as history outcomes. The same adapter serves the simulator's clients and, later, real ones.
 */
public interface ClientAdapter {

    /** Operation names a workload mix may use, e.g. {@code add}, {@code read}. */
    List<String> operations();

    /** The operation that reads a node's whole value, used for final reads after healing. */
    String readOperation();

    /** A request for {@code operation}, with arguments drawn from {@code random}. */
    ClientCall call(String operation, long requestId, RandomSource random);

    /**
     * Administrative actions on a node of the cluster a scenario may schedule among its faults (for
     * instance {@code remove-voter}); none by default.
     */
    default List<String> adminActions() {
        return List.of();
    }

    /** The request for an administrative action on {@code node}; only for the actions offered. */
    default ClientCall admin(String action, String node, long requestId) {
        throw new IllegalArgumentException("no admin action " + action);
    }

    /** The reply this message carries, or null when it is not a reply to a client. */
    ClientReply reply(Message message);

    /**
     * A fresh session for one client that sends its requests to {@code node}; by default the node
     * does not matter. A program whose operations act on the node asked (a name registered to one of
     * its tasks) records the node in the history.
     */
    default ClientSession newSession(NodeId node) {
        return newSession();
    }

    /**
     * An operation a node performs on its own, as the history should record it, read from an event
     * the node emitted ({@link NodeContext#emit}); null for events that are not one. None by default.
     */
    default NodeOperation nodeOperation(NodeId node, String event, String detail) {
        return null;
    }

    /** A fresh session for one client; by default it remembers nothing and defers to this adapter. */
    default ClientSession newSession() {
        return new ClientSession() {
            @Override
            public ClientCall call(String operation, long requestId, RandomSource random) {
                return ClientAdapter.this.call(operation, requestId, random);
            }

            @Override
            public ClientReply reply(Message message) {
                return ClientAdapter.this.reply(message);
            }
        };
    }
}
