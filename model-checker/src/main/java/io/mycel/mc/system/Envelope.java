package io.mycel.mc.system;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeId;

/**
 * A message in flight. {@code seq} names it along one path (steps refer to it) and is not part of
 * the state; the message is the decoded form of the bytes that went through the program's codec.
 */
public record Envelope(long seq, NodeId from, NodeId to, Message message, int bytes) {
}
