package io.mycel.node.kv;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeId;

/** Requests and replies between clients and nodes, and between nodes relaying them to the leader. */
public final class KvMessages {

    private KvMessages() {
    }

    public sealed interface KvMessage extends Message permits Request, Reply, Forwarded, ForwardedReply {
    }

    /** A client's operation; a client has one open at a time, with ids that only grow. */
    public record Request(long requestId, KvOp op) implements KvMessage {
    }

    /**
     * The answer. {@code applied} false means the operation certainly had no effect (a cas that did
     * not match); a request that may or may not have taken effect gets no answer at all. A get's
     * answer names its {@code key} and the {@code value} read (null: absent); other answers carry
     * neither. A local get also says how stale its value may be: {@code staleMicros}, or -1 when
     * the node does not know; every other answer has -1.
     */
    public record Reply(long requestId, boolean applied, String key, String value, long staleMicros) implements KvMessage {
        public Reply(long requestId, boolean applied, String key, String value) {
            this(requestId, applied, key, value, -1);
        }
    }

    /** A request a follower passes to the leader it knows, on behalf of {@code client}. */
    public record Forwarded(NodeId client, Request request) implements KvMessage {
    }

    /** The leader's answer to a forwarded request, for the follower to hand to the client. */
    public record ForwardedReply(NodeId client, Reply reply) implements KvMessage {
    }
}
