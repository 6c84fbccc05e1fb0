package io.mycel.check.lin;

import java.util.AbstractList;

/**
 * Looks over a search's new configuration once, for two things. A read that holds in the current
 * state: the search should take it first. And whether each operation whose return is met soon can
 * still be linearized at all, given the calls that may go before it ({@link Model#reachable}): if
 * one cannot, the configuration is dead, and noting that now saves trying every order of what
 * could follow it.
 */
final class Lookahead<S, O> {

    /** The configuration is dead. */
    static final int DEAD = -1;
    /** Nothing to do but carry on scanning. */
    static final int GO_ON = -2;

    /** How many list nodes past the first return are looked at for dead ends. */
    private static final int LOOK_PAST_FIRST_RETURN = 32;

    private final Model<S, O> model;
    private final O[] ops;
    private final EventList list;
    private final boolean[] readOnly;
    private final boolean[] unknownReturn;
    private final boolean pruning;
    private final int[] window;
    private final WindowView windowView = new WindowView();
    private int deadOp = -1;

    Lookahead(Model<S, O> model, O[] ops, EventList list, boolean[] readOnly, boolean[] unknownReturn) {
        this.model = model;
        this.ops = ops;
        this.list = list;
        this.readOnly = readOnly;
        this.unknownReturn = unknownReturn;
        this.pruning = model.prunes();
        this.window = new int[ops.length + 1];
    }

    /** @return a read-only operation to take now, or {@link #DEAD}, or {@link #GO_ON} */
    int examine(S state) {
        int count = 0;
        int node = list.first();
        int free = -1;
        while (node != list.head() && EventList.isCall(node)) {
            int op = EventList.operation(node);
            window[count++] = op;
            if (free < 0 && readOnly[op] && model.step(state, ops[op]) == state) {
                free = op;
            }
            node = list.next(node);
        }
        if (!pruning) {
            return free >= 0 ? free : GO_ON;
        }
        // Every operation whose return is met must be reachable with the calls met before it; look
        // a little past the first return too, as later returns often show a dead end sooner.
        int budget = LOOK_PAST_FIRST_RETURN;
        while (node != list.head() && budget-- > 0) {
            int op = EventList.operation(node);
            if (EventList.isCall(node)) {
                window[count++] = op;
            } else if (unknownReturn[op]) {
                break;
            } else {
                windowView.size = count;
                if (!model.reachable(state, ops[op], windowView)) {
                    deadOp = op;
                    return DEAD;
                }
            }
            node = list.next(node);
        }
        return free >= 0 ? free : GO_ON;
    }

    /** After {@link #DEAD}: the operation that can no longer be linearized. */
    int deadOp() {
        return deadOp;
    }

    /** The prepared operations of the window's first {@code size} entries, without copying. */
    private final class WindowView extends AbstractList<O> {
        int size;

        @Override
        public O get(int index) {
            return ops[window[index]];
        }

        @Override
        public int size() {
            return size;
        }
    }
}
