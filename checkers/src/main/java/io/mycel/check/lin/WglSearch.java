package io.mycel.check.lin;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Wing-Gong-Lowe search with just-in-time linearization, for the operations of one object.
 *
 * <p>Calls and returns sit in one doubly linked list in real-time order ({@link EventList}). The
 * search walks it from the front: at a call it tries to linearize that operation now (the model
 * accepts it, and the configuration, the pair (linearized set, new state), has not been explored
 * before), lifting the call and its return out of the list; at a return it has failed to linearize
 * that operation in time and backtracks, putting the last lifted operation back and trying the
 * next call after it. The history is linearizable when the list empties or only operations with
 * unknown outcomes are left: their returns sit at the very end, where taking effect is the same as
 * never having taken effect.
 *
 * <p>Four rules cut the search, each keeping every configuration from which a linearization exists
 * reachable (the property tests check them against brute force):
 * <ul>
 *   <li>a read that holds is taken at once, and its configuration needs no other child;
 *   <li>a configuration from which some operation can never be linearized is dead ({@link Lookahead});
 *   <li>of operations of unknown outcome with equal effects, the earliest is tried first (twins);
 *   <li>a configuration covered by one seen before is skipped ({@link CoverIndex}).
 * </ul>
 *
 * <p>Along the way it keeps the deepest point it reached: the linearization found up to there and
 * the operation that stopped it. That is the evidence when no linearization exists.
 */
final class WglSearch<S, O> {

    enum Outcome { RUNNING, LINEARIZABLE, NOT_LINEARIZABLE, OUT_OF_TIME, OUT_OF_MEMORY }

    private static final int CHECK_BUDGET_EVERY = 1 << 12;

    private final Model<S, O> model;
    private final O[] ops;
    private final int n;
    private final EventList list;
    private final long deadlineNanos;
    private final MemoryMeter meter;
    /** Operations whose outcome is unknown: their returns sit after every known return. */
    private final boolean[] unknownReturn;
    /** For an operation of unknown outcome: the last one before it, in call order, with an equal prepared operation. */
    private final int[] twinBefore;
    /** Operations of known outcome that never change the state (reads); see {@link Model#readOnly}. */
    private final boolean[] readOnly;
    /** Null when new configurations need no looking over (no reads, no pruning). */
    private final Lookahead<S, O> lookahead;

    // Evidence.
    private int deepest = -1;
    private int[] deepestOrder = new int[0];
    private int blockingOp = -1;
    private Object deepestState;
    private int visited;

    // Where the search stands, kept between slices of run(maxSteps).
    private VisitedSet visitedSet;
    /** Configurations that cover others: null when every outcome is known. */
    private CoverIndex covers;
    private final long[] linearized;
    private final int[] stackOp;
    private Object[] stackState;
    private final boolean[] stackForced;
    private long setHash;
    /** The hash of the linearized operations whose outcome is known. */
    private long knownHash;
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
        this.deadlineNanos = deadlineNanos;
        this.meter = meter;
        this.list = new EventList(callAt, returnAt);
        this.unknownReturn = new boolean[n];
        this.readOnly = new boolean[n];
        boolean anyReadOnly = false;
        for (int i = 0; i < n; i++) {
            unknownReturn[i] = returnAt[i] < 0;
            // Only for known outcomes: an unknown read-only operation taken at once would leave the
            // known set and state as they were, and the cover index would take it for its parent.
            readOnly[i] = model.readOnly(ops[i]) && !unknownReturn[i];
            anyReadOnly |= readOnly[i];
        }
        this.twinBefore = twins(callAt);
        this.lookahead = model.prunes() || anyReadOnly ? new Lookahead<>(model, ops, list, readOnly, unknownReturn) : null;
        this.visitedSet = new VisitedSet(meter);
        long[] mask = unknownMask();
        this.covers = mask == null ? null : new CoverIndex(mask, meter);
        this.linearized = new long[(n + 63) >>> 6];
        this.stackOp = new int[n];
        this.stackState = new Object[n];
        this.stackForced = new boolean[n];
        this.state = model.initialState();
        this.entry = list.first();
    }

    /**
     * Operations of unknown outcome that have been invoked are interchangeable when their prepared
     * forms are equal: neither has a return to meet, so which of them takes effect makes no
     * difference. Always trying the earliest first cuts the choices from every subset of them to
     * how many of each kind, which is what makes histories full of timed-out writes tractable.
     */
    private int[] twins(int[] callAt) {
        int[] twins = new int[n];
        Arrays.fill(twins, -1);
        Integer[] byCall = new Integer[n];
        for (int i = 0; i < n; i++) {
            byCall[i] = i;
        }
        Arrays.sort(byCall, (a, b) -> Integer.compare(callAt[a], callAt[b]));
        Map<O, Integer> last = new HashMap<>();
        for (int i : byCall) {
            if (unknownReturn[i]) {
                Integer before = last.put(ops[i], i);
                twins[i] = before == null ? -1 : before;
            }
        }
        return twins;
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
        long steps = 0;
        try {
            while (entry != list.head()) {
                if ((++steps & (CHECK_BUDGET_EVERY - 1)) == 0) {
                    if (System.nanoTime() - deadlineNanos > 0) {
                        return finish(Outcome.OUT_OF_TIME);
                    }
                    if (meter.exceeded()) {
                        return finish(Outcome.OUT_OF_MEMORY);
                    }
                    if (steps >= maxSteps) {
                        return Outcome.RUNNING;
                    }
                }
                int op = EventList.operation(entry);
                if (EventList.isCall(entry)) {
                    if (!tryCall(op)) {
                        entry = list.next(entry);
                    } else if (entry < 0 && !backtrack()) {
                        return finish(Outcome.NOT_LINEARIZABLE);
                    }
                } else if (unknownReturn[op]) {
                    // Only operations with unknown outcomes are left: none of them need take effect.
                    return finish(Outcome.LINEARIZABLE);
                } else {
                    noteDeepest(op);
                    if (!backtrack()) {
                        return finish(Outcome.NOT_LINEARIZABLE);
                    }
                }
            }
            return finish(Outcome.LINEARIZABLE);
        } catch (OutOfMemoryError e) {
            return finish(Outcome.OUT_OF_MEMORY);
        }
    }

    /**
     * Tries to linearize {@code op} now. On success the new configuration is entered and
     * {@code entry} set to where scanning goes on, or to -1 when the configuration turned out dead.
     *
     * @return false when the operation cannot go here (then scanning moves on past it)
     */
    private boolean tryCall(int op) {
        int twin = twinBefore[op];
        if (twin >= 0 && (linearized[twin >>> 6] & (1L << twin)) == 0) {
            // An earlier operation just like this one, also of unknown outcome, was tried first
            // from this same configuration: trying this one is the same.
            return false;
        }
        S after = model.step(state, ops[op]);
        if (after == null) {
            return false;
        }
        linearized[op >>> 6] |= 1L << op;
        long hashAfter = setHash ^ opHash(op);
        long knownHashAfter = unknownReturn[op] ? knownHash : knownHash ^ opHash(op);
        if (!visitedSet.add(linearized, hashAfter, after, model.estimatedBytes(after))
                || (covers != null && !covers.add(linearized, knownHashAfter, after))) {
            linearized[op >>> 6] &= ~(1L << op);
            return false;
        }
        stackOp[depth] = op;
        stackState[depth] = state;
        // A read that holds here may as well take effect here: whatever could follow it later can
        // follow it now. Its configuration needs no other child.
        stackForced[depth] = after == state && readOnly[op];
        depth++;
        state = after;
        setHash = hashAfter;
        knownHash = knownHashAfter;
        list.lift(op);
        entry = list.first();
        if (lookahead != null) {
            int verdict = lookahead.examine(state);
            if (verdict >= 0) {
                entry = EventList.callOf(verdict);
            } else if (verdict == Lookahead.DEAD) {
                noteDeepest(lookahead.deadOp());
                entry = -1;
            }
        }
        return true;
    }

    /**
     * The current configuration cannot be completed: back up to the last choice that had
     * alternatives (forced reads had none) and go on scanning after it.
     *
     * @return false when there is nothing left to back up to
     */
    @SuppressWarnings("unchecked")
    private boolean backtrack() {
        while (depth > 0) {
            depth--;
            int undone = stackOp[depth];
            state = (S) stackState[depth];
            stackState[depth] = null;
            linearized[undone >>> 6] &= ~(1L << undone);
            setHash ^= opHash(undone);
            knownHash ^= unknownReturn[undone] ? 0 : opHash(undone);
            list.unlift(undone);
            if (!stackForced[depth]) {
                entry = list.next(EventList.callOf(undone));
                return true;
            }
        }
        return false;
    }

    /** Keeps the evidence when this is the deepest point yet: the prefix, and the operation it stopped at. */
    private void noteDeepest(int blocking) {
        if (depth > deepest) {
            deepest = depth;
            deepestOrder = Arrays.copyOf(stackOp, depth);
            blockingOp = blocking;
            deepestState = state;
        }
    }

    /** Zobrist hashing: the set's hash is the XOR of its members', updated in O(1) per step. */
    private static long opHash(int op) {
        return VisitedSet.mix(0x632BE59BD9B4E019L + op * 0x9E3779B97F4A7C15L);
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
