package io.mycel.node.api;

/**
 * A request to send and the value the history records at invocation.
 *
 * @param value null, a Long, a String or a List of those: whatever a checker needs to judge it
 */
public record ClientCall(Message request, Object value, boolean oneWay) {

    /** A request that is answered. */
    public ClientCall(Message request, Object value) {
        this(request, value, false);
    }

    /**
     * A request that gets no answer (an MQTT QoS 0 publish): the operation is complete once sent,
     * recorded as ok, since the client can know nothing more.
     */
    public static ClientCall oneWay(Message request, Object value) {
        return new ClientCall(request, value, true);
    }
}
