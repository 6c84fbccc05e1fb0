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
     * The client gave up waiting for request {@code requestId} (it is recorded as indeterminate): an
     * answer that still comes must not change what the session remembers, since the history will
     * never show it.
     */
    default void abandon(long requestId) {
    }
}
