package io.mycel.node.store;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.crdt.CrdtCodecs;
import io.mycel.node.crdt.GCounter;
import io.mycel.node.crdt.PNCounter;
import java.util.Map;

/** A PN-counter: {@code add n} adds n (which may be negative). */
final class CounterKind implements ValueKind<PNCounter> {

    @Override
    public PNCounter empty() {
        return PNCounter.EMPTY;
    }

    @Override
    public PNCounter update(PNCounter current, String replica, StoreMessages.Op op, long argument, long nowMicros) {
        return op == StoreMessages.Op.ADD && current.canAdd(replica, argument) ? current.add(replica, argument) : null;
    }

    @Override
    public PNCounter mergeRemote(PNCounter local, PNCounter remote, PlantedBug bug) {
        if (bug != PlantedBug.MERGE_NOT_IDEMPOTENT) {
            return local.merge(remote);
        }
        return new PNCounter(sum(local.up(), remote.up()), sum(local.down(), remote.down()));
    }

    /** The planted bug: counts added, so the same state merged twice counts twice. */
    private static GCounter sum(GCounter a, GCounter b) {
        GCounter out = a;
        for (Map.Entry<String, Long> e : b.counts().entrySet()) {
            // Merged again and again the sums double; they stop at Long.MAX_VALUE, wrong but whole.
            long room = Long.MAX_VALUE - out.counts().getOrDefault(e.getKey(), 0L);
            if (room > 0) {
                out = out.merge(out.increment(e.getKey(), Math.min(e.getValue(), room)));
            }
        }
        return out;
    }

    @Override
    public Object read(PNCounter state) {
        return state.value();
    }

    @Override
    public void write(WireWriter out, PNCounter state) {
        CrdtCodecs.writePNCounter(out, state);
    }

    @Override
    public PNCounter readState(WireReader in) throws MalformedMessageException {
        return CrdtCodecs.readPNCounter(in);
    }
}
