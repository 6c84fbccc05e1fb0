package io.mycel.check.model;

import io.mycel.check.History;
import io.mycel.check.Op;
import io.mycel.check.lin.Model;
import java.util.Arrays;

/**
 * A FIFO queue: {@code enqueue x} adds at the tail, {@code dequeue} removes the head and returns it,
 * or returns nil when the queue is empty.
 */
public final class QueueModel implements Model<QueueModel.Contents, QueueModel.Step> {

    /** The queue's elements, head first; compared by value. */
    public static final class Contents {
        static final Contents EMPTY = new Contents(new Object[0]);
        private final Object[] items;
        private final int hash;

        Contents(Object[] items) {
            this.items = items;
            this.hash = Arrays.hashCode(items);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Contents c && c.hash == hash && Arrays.equals(c.items, items);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return Arrays.toString(items);
        }
    }

    /** A prepared operation: an enqueue of {@code value}, or a dequeue that returned {@code value}. */
    public record Step(boolean enqueue, Object value) {
        @Override
        public String toString() {
            return (enqueue ? "enqueue " : "dequeue ") + value;
        }
    }

    @Override
    public String name() {
        return "queue";
    }

    @Override
    public Contents initialState() {
        return Contents.EMPTY;
    }

    @Override
    public Step prepare(History.Operation op) {
        switch (op.f()) {
            case "enqueue":
                return op.outcome() == Op.Type.FAIL ? null : new Step(true, Nil.wrap(Operations.argument(op)));
            case "dequeue":
                if (op.outcome() == Op.Type.FAIL) {
                    return null;
                }
                // A dequeue with an unknown answer may have removed any head: step() accepts any.
                return new Step(false, op.isOk() ? Nil.wrap(Operations.result(op)) : null);
            default:
                throw Operations.unknown(op, "enqueue or dequeue");
        }
    }

    @Override
    public long estimatedBytes(Contents state) {
        return 48 + 8L * state.items.length;
    }

    @Override
    public Contents step(Contents state, Step op) {
        Object[] items = state.items;
        if (op.enqueue) {
            Object[] grown = Arrays.copyOf(items, items.length + 1);
            grown[items.length] = op.value;
            return new Contents(grown);
        }
        if (items.length == 0) {
            return op.value == Nil.NIL ? state : null;
        }
        if (op.value != null && !items[0].equals(op.value)) {
            return null;
        }
        return new Contents(Arrays.copyOfRange(items, 1, items.length));
    }
}
