package io.mycel.node.api;

/**
 * A request to send and the value the history records at invocation.
 *
 * @param value null, a Long, a String or a List of those: whatever a checker needs to judge it
 */
public record ClientCall(Message request, Object value) {
}
