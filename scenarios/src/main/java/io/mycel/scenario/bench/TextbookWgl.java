package io.mycel.scenario.bench;

import io.mycel.check.History;
import io.mycel.check.Op;
import io.mycel.check.lin.Model;
import io.mycel.check.lin.Partition;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The baseline for {@code mycel bench check}: Wing-Gong-Lowe search as the papers and most
 * implementations write it, with a {@link BitSet} per cache entry in a {@link HashSet}, whole-set
 * hashing, and keys checked one after another. Same models, same answers; the ratio against it shows
 * what the checker's engineering (incremental hashing, open addressing, interleaved keys) buys.
 */
final class TextbookWgl {

    enum Answer { LINEARIZABLE, NOT_LINEARIZABLE, TIMED_OUT }

    private record Seen(BitSet linearized, Object state) {
    }

    private TextbookWgl() {
    }

    @SuppressWarnings("unchecked")
    static Answer check(History history, Model<?, ?> anyModel, long deadlineNanos) {
        Model<Object, Object> model = (Model<Object, Object>) anyModel;
        for (Partition<Object> partition : Partition.of(history, model)) {
            Answer answer = checkOne(model, partition, deadlineNanos);
            if (answer != Answer.LINEARIZABLE) {
                return answer;
            }
        }
        return Answer.LINEARIZABLE;
    }

    /** Entries: a doubly linked list of calls and returns, as in Lowe's paper. */
    private static final class Entry {
        int op;
        boolean call;
        boolean unknown;
        Entry match;
        Entry prev;
        Entry next;
        long time;
    }

    private static Answer checkOne(Model<Object, Object> model, Partition<Object> ops, long deadlineNanos) {
        Entry head = entries(ops);
        Set<Seen> cache = new HashSet<>();
        BitSet linearized = new BitSet(ops.operations().size());
        List<Entry> calls = new ArrayList<>();
        List<Object> states = new ArrayList<>();
        Object state = model.initialState();
        Entry entry = head.next;
        long steps = 0;
        while (entry != null) {
            if ((++steps & 4095) == 0 && System.nanoTime() > deadlineNanos) {
                return Answer.TIMED_OUT;
            }
            if (entry.call) {
                Object after = model.step(state, ops.prepared().get(entry.op));
                if (after != null) {
                    BitSet next = (BitSet) linearized.clone();
                    next.set(entry.op);
                    if (cache.add(new Seen(next, after))) {
                        calls.add(entry);
                        states.add(state);
                        state = after;
                        linearized = next;
                        lift(entry);
                        entry = head.next;
                        continue;
                    }
                }
                entry = entry.next;
            } else if (entry.unknown) {
                return Answer.LINEARIZABLE;
            } else {
                if (calls.isEmpty()) {
                    return Answer.NOT_LINEARIZABLE;
                }
                Entry undone = calls.remove(calls.size() - 1);
                state = states.remove(states.size() - 1);
                linearized = (BitSet) linearized.clone();
                linearized.clear(undone.op);
                unlift(undone);
                entry = undone.next;
            }
        }
        return Answer.LINEARIZABLE;
    }

    /** The calls and returns in history order, linked, behind a head entry; unknown returns last. */
    private static Entry entries(Partition<Object> ops) {
        List<Entry> entries = new ArrayList<>();
        long end = Long.MAX_VALUE / 2;
        for (int i = 0; i < ops.operations().size(); i++) {
            History.Operation op = ops.operations().get(i);
            Entry call = new Entry();
            Entry ret = new Entry();
            call.op = ret.op = i;
            call.call = true;
            call.match = ret;
            call.time = op.invokeAt();
            boolean known = op.completeAt() >= 0 && op.outcome() != Op.Type.INFO;
            ret.unknown = !known;
            ret.time = known ? op.completeAt() : end + i;
            entries.add(call);
            entries.add(ret);
        }
        entries.sort((a, b) -> Long.compare(a.time, b.time));
        Entry head = new Entry();
        Entry last = head;
        for (Entry e : entries) {
            last.next = e;
            e.prev = last;
            last = e;
        }
        return head;
    }

    private static void lift(Entry call) {
        call.prev.next = call.next;
        if (call.next != null) {
            call.next.prev = call.prev;
        }
        Entry ret = call.match;
        ret.prev.next = ret.next;
        if (ret.next != null) {
            ret.next.prev = ret.prev;
        }
    }

    private static void unlift(Entry call) {
        Entry ret = call.match;
        ret.prev.next = ret;
        if (ret.next != null) {
            ret.next.prev = ret;
        }
        call.prev.next = call;
        if (call.next != null) {
            call.next.prev = call;
        }
    }
}
