package io.mycel.check.lin;

import java.util.Arrays;

/**
 * Wing-Gong-Lowe search with just-in-time linearization, for the operations of one object.
 *
 * <p>Calls and returns sit in one doubly linked list in real-time order. The search walks it from
 * the front: at a call it tries to linearize that operation now (the model accepts it, and the
 * pair (linearized set, new state) has not been explored before), lifting the call and its return
 * out of the list; at a return it has failed to linearize that operation in time and backtracks,
 * putting the last lifted operation back and trying the next call after it. The history is
 * linearizable when the list empties or only operations with unknown outcomes are left: their
 * returns sit at the very end, where taking effect is the same as never having taken effect.
 *
 * <p>Along the way it keeps the deepest point it reached: the linearization found up to there and
 * the operation whose return stopped it. That is the evidence when no linearization exists.
 */
final class WglSearch<S, O> {

    enum Outcome { RUNNING, LINEARIZABLE, NOT_LINEARIZABLE, OUT_OF_TIME, OUT_OF_MEMORY }

    private static final int CHECK_BUDGET_EVERY = 1 << 12;

    private final Model<S, O> model;
    private final O[] ops;
    private final int n;
    private final int head;
    private final int[] next;
    private final int[] prev;
    private final long deadlineNanos;
    private final MemoryMeter meter;
    /** Operations whose outcome is unknown: their returns sit after every known return. */
    private final boolean[] unknownReturn;

    private int deepest = -1;
    private int[] deepestOrder = new int[0];
    private int blockingOp = -1;
    private Object deepestState;
    private int visited;

    // Where the search stands, kept between slices of run(maxSteps).
    private VisitedSet visitedSet;
    private final long[] linearized;
    private final int[] stackOp;
    private Object[] stackState;
    private long setHash;
    private int depth;
    private S state;
    private int entry;
    private Outcome finished;

    /**
     * @param ops the operations, prepared by the model
     * @param callAt each operation's invocation position in the history
     * @param returnAt each operation's completion position, or -1 when its outcome is unknown
     */
    WglSearch(Model<S, O> model, O[] ops, int[] callAt, int[] returnAt, long deadlineNanos, MemoryMeter meter) {
        this.model = model;
        this.ops = ops;
        this.n = ops.length;
        this.head = 2 * n;
        this.next = new int[2 * n + 1];
        this.prev = new int[2 * n + 1];
        this.deadlineNanos = deadlineNanos;
        this.meter = meter;
        this.unknownReturn = new boolean[n];
        for (int i = 0; i < n; i++) {
            unknownReturn[i] = returnAt[i] < 0;
        }
        link(callAt, returnAt);
        this.visitedSet = new VisitedSet(meter);
        this.linearized = new long[(n + 63) >>> 6];
        this.stackOp = new int[n];
        this.stackState = new Object[n];
        this.state = model.initialState();
        this.entry = next[head];
    }

    /** Node 2i is operation i's call, node 2i+1 its return; the list runs in history order. */
    private void link(int[] callAt, int[] returnAt) {
        long end = 0;
        for (int i = 0; i < n; i++) {
            end = Math.max(end, Math.max(callAt[i], returnAt[i]) + 1L);
        }
        long[] keyed = new long[2 * n];
        for (int i = 0; i < n; i++) {
            long returnKey = returnAt[i] < 0 ? end + i : returnAt[i];
            if (returnAt[i] >= 0 && returnAt[i] <= callAt[i]) {
                throw new IllegalArgumentException("operation " + i + " returns before it is called");
            }
            keyed[2 * i] = ((long) callAt[i] << 32) | (2L * i);
            keyed[2 * i + 1] = (returnKey << 32) | (2L * i + 1);
        }
        Arrays.sort(keyed);
        int last = head;
        for (long key : keyed) {
            int node = (int) (key & 0xFFFFFFFFL);
            next[last] = node;
            prev[node] = last;
            last = node;
        }
        next[last] = head;
        prev[head] = last;
    }

    /** Runs to the end, or until the deadline or the memory budget. */
    Outcome run() {
        Outcome outcome;
        do {
            outcome = run(Long.MAX_VALUE);
        } while (outcome == Outcome.RUNNING);
        return outcome;
    }

    /**
     * Runs at most about {@code maxSteps} steps and returns, keeping its place: RUNNING means call
     * again. Lets the checker interleave the searches of independent keys, so that a key that fails
     * quickly is found before a key that takes long.
     */
    Outcome run(long maxSteps) {
        if (finished != null) {
            return finished;
        }
        long[] linearized = this.linearized;
        int[] stackOp = this.stackOp;
        Object[] stackState = this.stackState;
        long setHash = this.setHash;
        int depth = this.depth;
        S state = this.state;
        int entry = this.entry;
        long steps = 0;
        try {
            while (entry != head) {
                if ((++steps & (CHECK_BUDGET_EVERY - 1)) == 0) {
                    if (System.nanoTime() - deadlineNanos > 0) {
                        return finish(Outcome.OUT_OF_TIME);
                    }
                    if (meter.exceeded()) {
                        return finish(Outcome.OUT_OF_MEMORY);
                    }
                    if (steps >= maxSteps) {
                        this.setHash = setHash;
                        this.depth = depth;
                        this.state = state;
                        this.entry = entry;
                        return Outcome.RUNNING;
                    }
                }
                int op = entry >>> 1;
                if ((entry & 1) == 0) {
                    S after = model.step(state, ops[op]);
                    if (after != null) {
                        linearized[op >>> 6] |= 1L << op;
                        long hashAfter = setHash ^ opHash(op);
                        if (visitedSet.add(linearized, hashAfter, after)) {
                            stackOp[depth] = op;
                            stackState[depth] = state;
                            depth++;
                            state = after;
                            setHash = hashAfter;
                            lift(op);
                            entry = next[head];
                            continue;
                        }
                        linearized[op >>> 6] &= ~(1L << op);
                    }
                    entry = next[entry];
                } else if (unknownReturn[op]) {
                    // Only operations with unknown outcomes are left: none of them need take effect.
                    return finish(Outcome.LINEARIZABLE);
                } else {
                    if (depth > deepest) {
                        deepest = depth;
                        deepestOrder = Arrays.copyOf(stackOp, depth);
                        blockingOp = op;
                        deepestState = state;
                    }
                    if (depth == 0) {
                        return finish(Outcome.NOT_LINEARIZABLE);
                    }
                    depth--;
                    int undone = stackOp[depth];
                    @SuppressWarnings("unchecked")
                    S before = (S) stackState[depth];
                    stackState[depth] = null;
                    state = before;
                    linearized[undone >>> 6] &= ~(1L << undone);
                    setHash ^= opHash(undone);
                    unlift(undone);
                    entry = next[2 * undone];
                }
            }
            return finish(Outcome.LINEARIZABLE);
        } catch (OutOfMemoryError e) {
            return finish(Outcome.OUT_OF_MEMORY);
        }
    }

    /** Gives up a search that is still running, releasing its memory. */
    void abandon() {
        if (finished == null) {
            finish(Outcome.OUT_OF_TIME);
        }
    }

    /** Ends the search and lets go of its memory: only the evidence is kept. */
    private Outcome finish(Outcome outcome) {
        finished = outcome;
        visited = visitedSet.size();
        meter.release(visitedSet.bytes());
        visitedSet = null;
        stackState = null;
        state = null;
        return outcome;
    }

    /** Zobrist hashing: the set's hash is the XOR of its members', updated in O(1) per step. */
    private static long opHash(int op) {
        return VisitedSet.mix(0x632BE59BD9B4E019L + op * 0x9E3779B97F4A7C15L);
    }

    private void lift(int op) {
        int call = 2 * op;
        int ret = call + 1;
        next[prev[call]] = next[call];
        prev[next[call]] = prev[call];
        next[prev[ret]] = next[ret];
        prev[next[ret]] = prev[ret];
    }

    /** Undoes {@link #lift} exactly; lifts are undone in reverse order, so the neighbours are intact. */
    private void unlift(int op) {
        int call = 2 * op;
        int ret = call + 1;
        prev[next[ret]] = ret;
        next[prev[ret]] = ret;
        prev[next[call]] = call;
        next[prev[call]] = call;
    }

    /** The operations of the longest linearization found, in order. */
    int[] deepestOrder() {
        return deepestOrder;
    }

    /** The operation that could not be linearized at the deepest point, or -1. */
    int blockingOp() {
        return blockingOp;
    }

    Object deepestState() {
        return deepestState;
    }

    int visited() {
        return visited;
    }
}
