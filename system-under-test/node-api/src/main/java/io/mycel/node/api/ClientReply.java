package io.mycel.node.api;

/**
 * A node's answer to a client request.
 *
 * @param applied true for ok (the operation took effect, or a read returned {@code value}); false
 *     for fail (the node guarantees it did not take effect)
 */
public record ClientReply(long requestId, boolean applied, Object value) {
}
