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

    /** For an operation of unknown outcome: the last one before it, in call order, with an equal prepared operation. */
    private final int[] twinBefore;
    private final boolean pruning;
    /** Operations that never change the state (reads); see {@link Model#readOnly}. */
    private final boolean[] readOnly;
    /** Whether new configurations are looked over by {@link #examine}: for pruning, or for reads. */
    private final boolean examines;
    private final int[] window;
    private final WindowView windowView = new WindowView();

    // Where the search stands, kept between slices of run(maxSteps).
    private VisitedSet visitedSet;
    private final long[] linearized;
    private final int[] stackOp;
    private Object[] stackState;
    private final boolean[] stackForced;
    private long setHash;
    /** The hash of the linearized operations whose outcome is known. */
    private long knownHash;
    /** Configurations that cover others: null when every outcome is known. */
    private CoverIndex covers;
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
        this.twinBefore = twins(ops, callAt);
        this.pruning = model.prunes();
        this.readOnly = new boolean[n];
        boolean anyReadOnly = false;
        for (int i = 0; i < n; i++) {
            // Only for known outcomes: an unknown read-only operation taken at once would leave the
            // known set and state as they were, and the cover index would take it for its parent.
            readOnly[i] = model.readOnly(ops[i]) && !unknownReturn[i];
            anyReadOnly |= readOnly[i];
        }
        this.examines = pruning || anyReadOnly;
        this.window = examines ? new int[n + 1] : null;
        this.stackForced = new boolean[n];
        this.visitedSet = new VisitedSet(meter);
        long[] mask = unknownMask();
        this.covers = mask == null ? null : new CoverIndex(mask, meter);
        this.linearized = new long[(n + 63) >>> 6];
        this.stackOp = new int[n];
        this.stackState = new Object[n];
        this.state = model.initialState();
        this.entry = next[head];
    }

    /**
     * Operations of unknown outcome that have been invoked are interchangeable when their prepared
     * forms are equal: neither has a return to meet, so which of them takes effect makes no
     * difference. Always trying the earliest first cuts the choices from every subset of them to
     * how many of each kind, which is what makes histories full of timed-out writes tractable.
     */
    private int[] twins(O[] ops, int[] callAt) {
        int[] twins = new int[n];
        Arrays.fill(twins, -1);
        Integer[] byCall = new Integer[n];
        for (int i = 0; i < n; i++) {
            byCall[i] = i;
        }
        Arrays.sort(byCall, (a, b) -> Integer.compare(callAt[a], callAt[b]));
        java.util.Map<O, Integer> last = new java.util.HashMap<>();
        for (int i : byCall) {
            if (unknownReturn[i]) {
                Integer before = last.put(ops[i], i);
                twins[i] = before == null ? -1 : before;
            }
        }
        return twins;
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
    @SuppressWarnings("unchecked")
    Outcome run(long maxSteps) {
        if (finished != null) {
            return finished;
        }
        long[] linearized = this.linearized;
        int[] stackOp = this.stackOp;
        Object[] stackState = this.stackState;
        boolean[] stackForced = this.stackForced;
        long setHash = this.setHash;
        long knownHash = this.knownHash;
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
                        this.knownHash = knownHash;
                        this.depth = depth;
                        this.state = state;
                        this.entry = entry;
                        return Outcome.RUNNING;
                    }
                }
                int op = entry >>> 1;
                boolean dead;
                if ((entry & 1) == 0) {
                    int twin = twinBefore[op];
                    if (twin >= 0 && (linearized[twin >>> 6] & (1L << twin)) == 0) {
                        // An earlier operation just like this one, also of unknown outcome, was
                        // tried first from this same configuration: trying this one is the same.
                        entry = next[entry];
                        continue;
                    }
                    S after = model.step(state, ops[op]);
                    if (after == null) {
                        entry = next[entry];
                        continue;
                    }
                    linearized[op >>> 6] |= 1L << op;
                    long hashAfter = setHash ^ opHash(op);
                    long knownHashAfter = unknownReturn[op] ? knownHash : knownHash ^ opHash(op);
                    if (!visitedSet.add(linearized, hashAfter, after, model.estimatedBytes(after))
                            || (covers != null && !covers.add(linearized, knownHashAfter, after))) {
                        linearized[op >>> 6] &= ~(1L << op);
                        entry = next[entry];
                        continue;
                    }
                    stackOp[depth] = op;
                    stackState[depth] = state;
                    // A read that holds here may as well take effect here: whatever could follow
                    // it later can follow it now. Its configuration needs no other child.
                    stackForced[depth] = after == state && readOnly[op];
                    depth++;
                    state = after;
                    setHash = hashAfter;
                    knownHash = knownHashAfter;
                    lift(op);
                    entry = next[head];
                    if (!examines) {
                        continue;
                    }
                    int verdict = examine(state, depth);
                    if (verdict >= 0) {
                        entry = 2 * verdict;
                        continue;
                    }
                    dead = verdict == DEAD;
                    if (!dead) {
                        continue;
                    }
                } else if (unknownReturn[op]) {
                    // Only operations with unknown outcomes are left: none of them need take effect.
                    return finish(Outcome.LINEARIZABLE);
                } else {
                    if (depth > deepest) {
                        recordDeepest(depth, op, state);
                    }
                }
                // This configuration cannot be completed: back up to the last choice that had
                // alternatives (forced reads had none) and try the next call after it.
                while (true) {
                    if (depth == 0) {
                        return finish(Outcome.NOT_LINEARIZABLE);
                    }
                    depth--;
                    int undone = stackOp[depth];
                    state = (S) stackState[depth];
                    stackState[depth] = null;
                    linearized[undone >>> 6] &= ~(1L << undone);
                    setHash ^= opHash(undone);
                    knownHash ^= unknownReturn[undone] ? 0 : opHash(undone);
                    unlift(undone);
                    if (!stackForced[depth]) {
                        entry = next[2 * undone];
                        break;
                    }
                }
            }
            return finish(Outcome.LINEARIZABLE);
        } catch (OutOfMemoryError e) {
            return finish(Outcome.OUT_OF_MEMORY);
        }
    }

    private void recordDeepest(int depth, int blocking, Object state) {
        deepest = depth;
        deepestOrder = Arrays.copyOf(stackOp, depth);
        blockingOp = blocking;
        deepestState = state;
    }

    private static final int DEAD = -1;
    /** How many list nodes past the first return {@link #examine} looks at for dead ends. */
    private static final int LOOK_PAST_FIRST_RETURN = 32;
    private static final int GO_ON = -2;

    /**
     * Looks over a new configuration's window (the calls before the first return) once, for two
     * things. A read that holds in this state: the search should take it first (returns its index).
     * And whether the operation whose return comes first can still be linearized at all, given what
     * may go before it (the model's {@link Model#reachable}): if not, the configuration is dead
     * (returns DEAD), and noting that now saves trying every order of what could follow.
     */
    private int examine(S state, int depth) {
        int count = 0;
        int node = next[head];
        int free = -1;
        while (node != head && (node & 1) == 0) {
            int op = node >>> 1;
            window[count++] = op;
            if (free < 0 && readOnly[op] && model.step(state, ops[op]) == state) {
                free = op;
            }
            node = next[node];
        }
        if (!pruning) {
            return free >= 0 ? free : GO_ON;
        }
        // Every operation whose return is met must be reachable with the calls met before it; look
        // a little past the first return too, as later returns often show a dead end sooner.
        int budget = LOOK_PAST_FIRST_RETURN;
        while (node != head && budget-- > 0) {
            int op = node >>> 1;
            if ((node & 1) == 0) {
                window[count++] = op;
            } else if (unknownReturn[op]) {
                break;
            } else {
                windowView.size = count;
                if (!model.reachable(state, ops[op], windowView)) {
                    if (depth > deepest) {
                        recordDeepest(depth, op, state);
                    }
                    return DEAD;
                }
            }
            node = next[node];
        }
        return free >= 0 ? free : GO_ON;
    }

    /** The prepared operations of {@link #window}'s first {@code size} entries, without copying. */
    private final class WindowView extends java.util.AbstractList<O> {
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
        if (covers != null) {
            covers.release();
            covers = null;
        }
        stackState = null;
        state = null;
        return outcome;
    }

    private long[] unknownMask() {
        long[] mask = new long[(n + 63) >>> 6];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            if (unknownReturn[i]) {
                mask[i >>> 6] |= 1L << i;
                any = true;
            }
        }
        return any ? mask : null;
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
