package io.mycel.node.store;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.crdt.CrdtCodecs;
import io.mycel.node.crdt.ElementCodec;
import io.mycel.node.crdt.OrSet;
import java.util.List;

/** An add-wins OR-Set of whole numbers: {@code add x}, {@code remove x}. */
final class SetKind implements ValueKind<OrSet<Long>> {

    @Override
    public OrSet<Long> empty() {
        return OrSet.empty();
    }

    @Override
    public OrSet<Long> update(OrSet<Long> current, String replica, StoreMessages.Op op, long argument, long nowMicros) {
        return switch (op) {
            case ADD -> current.add(replica, argument);
            case REMOVE -> current.remove(argument);
            case WRITE -> null;
        };
    }

    @Override
    public OrSet<Long> mergeRemote(OrSet<Long> local, OrSet<Long> remote, PlantedBug bug) {
        OrSet<Long> merged = local.merge(remote);
        if (bug == PlantedBug.REMOVE_DROPS_CONCURRENT_ADDS) {
            // The planted bug: what the remote removed is removed here by element, dots unseen by it too.
            for (Long element : local.removedBy(remote)) {
                merged = merged.merge(merged.remove(element));
            }
        }
        return merged;
    }

    @Override
    public Object read(OrSet<Long> state) {
        return List.copyOf(state.elements());
    }

    @Override
    public void write(WireWriter out, OrSet<Long> state) {
        CrdtCodecs.writeOrSet(out, state, ElementCodec.LONG);
    }

    @Override
    public OrSet<Long> readState(WireReader in) throws MalformedMessageException {
        return CrdtCodecs.readOrSet(in, ElementCodec.LONG);
    }
}
