package io.mycel.node.runtime;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeId;

/**
 * Clients that reach a node's process by a protocol other than Mycel's frames (MQTT clients): the
 * gateway hands their packets to the process as messages, and the process's sends to them come here
 * instead of going out as frames.
 */
interface Gateway {

    /** Whether {@code to} is one of this gateway's clients. */
    boolean serves(NodeId to);

    /** Sends {@code message} to the client {@code to}; on the event loop. */
    void send(NodeId to, Message message);
}
