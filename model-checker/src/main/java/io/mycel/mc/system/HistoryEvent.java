package io.mycel.mc.system;

import io.mycel.node.api.NodeId;

/**
 * One line of a client history: an operation invoked, or its answer. In a model checker's history
 * only the order of events is information (there is no time), so an event carries none.
 *
 * @param client the client's number, from 0
 * @param value what the client sent (for an invoke) or what it was answered
 */
public record HistoryEvent(int client, Type type, String f, Object value, NodeId node) {
    public enum Type { INVOKE, OK, FAIL }
}
