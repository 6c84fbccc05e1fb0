package io.mycel.node.api;

/**
 * A value one node sends to another. Implementations are immutable (records, as a rule) and are
 * carried as bytes produced by their program's {@link MessageCodec}: the simulator encodes and
 * decodes every message, so sizes are real and codec bugs surface in simulation.
 *
 * <p>{@code toString()} goes into traces, so it must depend only on the message's value: a record
 * holding an array prints the array's identity and breaks byte-identical replays; such a message
 * overrides {@code toString()}.
 */
public interface Message {

    /** A short name for traces and metrics; the simple class name unless a message says otherwise. */
    default String typeName() {
        return getClass().getSimpleName();
    }
}
