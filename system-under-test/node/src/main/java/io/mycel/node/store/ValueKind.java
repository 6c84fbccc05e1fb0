package io.mycel.node.store;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.crdt.Crdt;

/**
 * The CRDT a store's keys hold, and how client operations map onto it. Every client argument and
 * value is a whole number, so the same client serves all kinds: a counter adds it, a set adds or
 * removes it as an element, a register writes it.
 *
 * @param <S> the CRDT type
 */
interface ValueKind<S extends Crdt<S>> {

    S empty();

    /** The delta of a client update, or null when the kind has no such operation. */
    S update(S current, String replica, StoreMessages.Op op, long argument, long nowMicros);

    /** Joins a state that came from another node; planted bugs hook in here. */
    S mergeRemote(S local, S remote, PlantedBug bug);

    /** What a read returns to the client: a Long, a sorted List of Longs, or a Long or null. */
    Object read(S state);

    void write(WireWriter out, S state);

    S readState(WireReader in) throws MalformedMessageException;

    static ValueKind<?> of(CrdtKind name) {
        return switch (name) {
            case COUNTER -> new CounterKind();
            case SET -> new SetKind();
            case REGISTER -> new RegisterKind();
        };
    }
}
