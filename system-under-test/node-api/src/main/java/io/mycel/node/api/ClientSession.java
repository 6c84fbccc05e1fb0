package io.mycel.node.api;

/**
 * One client's side of a program: builds its requests and reads its replies, remembering what a
 * client must between operations (the token of a lock it holds, say). A workload client keeps one
 * session for its whole life; a program whose clients remember nothing uses the default session
 * of {@link ClientAdapter}.
 */
public interface ClientSession {

    /** A request for {@code operation}, with arguments drawn from {@code random}. */
    ClientCall call(String operation, long requestId, RandomSource random);

    /** The reply this message carries, or null when it is not a reply to this client. */
    ClientReply reply(Message message);

    /**
     * What a client observed that is not the outcome of its own request (an MQTT subscriber told it
     * subscribed, or handed a message): recorded in the history as an operation {@code f} that
     * completed the moment it was seen, with {@code value}.
     */
    record Observed(String f, Object value) {
    }

    /**
     * A message that is not the reply to this client's open request: what the client sends back
     * (an acknowledgement a protocol owes, say) and what it observed.
     */
    record Unsolicited(java.util.List<Message> answers, java.util.List<Observed> observed) {
        public static final Unsolicited NONE = new Unsolicited(java.util.List.of(), java.util.List.of());

        public Unsolicited {
            answers = java.util.List.copyOf(answers);
            observed = java.util.List.copyOf(observed);
        }
    }

    /**
     * What the client sends its node before any operation (an MQTT CONNECT and SUBSCRIBE, say), as
     * {@code self}; nothing by default, as for request-reply programs.
     */
    default java.util.List<Message> opening(NodeId self) {
        return java.util.List.of();
    }

    /**
     * Called for every message that {@link #reply} did not take as the answer to a request; by
     * default such a message is ignored.
     */
    default Unsolicited unsolicited(Message message) {
        return Unsolicited.NONE;
    }

    /**
     * The client gave up waiting for request {@code requestId} (it is recorded as indeterminate): an
     * answer that still comes must not change what the session remembers, since the history will
     * never show it.
     */
    default void abandon(long requestId) {
    }
}
