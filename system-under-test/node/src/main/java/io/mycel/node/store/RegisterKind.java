package io.mycel.node.store;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.crdt.CrdtCodecs;
import io.mycel.node.crdt.ElementCodec;
import io.mycel.node.crdt.LwwRegister;

/**
 * A last-writer-wins register of whole numbers, stamped with the writing node's clock. Clocks may
 * be skewed, so "last" is by stamp, not by real time: the register converges, but a write may lose
 * to an earlier one from a node whose clock runs ahead. The stamp is raised past the value it
 * overwrites, so a node's own writes are never lost to what it already holds.
 */
final class RegisterKind implements ValueKind<LwwRegister<Long>> {

    @Override
    public LwwRegister<Long> empty() {
        return LwwRegister.empty();
    }

    @Override
    public LwwRegister<Long> update(LwwRegister<Long> current, String replica, StoreMessages.Op op, long argument,
                                    long nowMicros) {
        if (op != StoreMessages.Op.WRITE) {
            return null;
        }
        return current.write(Math.max(nowMicros, current.timestamp() + 1), replica, argument);
    }

    @Override
    public LwwRegister<Long> mergeRemote(LwwRegister<Long> local, LwwRegister<Long> remote, PlantedBug bug) {
        return local.merge(remote);
    }

    @Override
    public Object read(LwwRegister<Long> state) {
        return state.value();
    }

    @Override
    public void write(WireWriter out, LwwRegister<Long> state) {
        CrdtCodecs.writeLww(out, state, ElementCodec.LONG);
    }

    @Override
    public LwwRegister<Long> readState(WireReader in) throws MalformedMessageException {
        return CrdtCodecs.readLww(in, ElementCodec.LONG);
    }
}
