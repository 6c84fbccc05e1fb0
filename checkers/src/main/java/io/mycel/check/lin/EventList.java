package io.mycel.check.lin;

import java.util.Arrays;

/**
 * The calls and returns of a search's operations as one circular doubly linked list in history
 * order, in int arrays: node {@code 2i} is operation i's call, node {@code 2i+1} its return, and a
 * head node closes the circle. Returns of operations whose outcome is unknown go after every other
 * node. Lifting an operation takes out both its nodes in O(1); lifts are undone in reverse order,
 * which is what makes undoing them O(1) too (dancing links).
 */
final class EventList {

    private final int head;
    private final int[] next;
    private final int[] prev;

    /**
     * @param callAt each operation's invocation position in the history (-1 to come first)
     * @param returnAt each operation's completion position, or -1 when its outcome is unknown
     */
    EventList(int[] callAt, int[] returnAt) {
        int n = callAt.length;
        head = 2 * n;
        next = new int[2 * n + 1];
        prev = new int[2 * n + 1];
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

    int head() {
        return head;
    }

    int first() {
        return next[head];
    }

    int next(int node) {
        return next[node];
    }

    static boolean isCall(int node) {
        return (node & 1) == 0;
    }

    static int operation(int node) {
        return node >>> 1;
    }

    static int callOf(int op) {
        return 2 * op;
    }

    void lift(int op) {
        int call = 2 * op;
        int ret = call + 1;
        next[prev[call]] = next[call];
        prev[next[call]] = prev[call];
        next[prev[ret]] = next[ret];
        prev[next[ret]] = prev[ret];
    }

    /** Undoes {@link #lift} exactly; the neighbours are intact because lifts are undone in reverse. */
    void unlift(int op) {
        int call = 2 * op;
        int ret = call + 1;
        prev[next[ret]] = ret;
        next[prev[ret]] = ret;
        prev[next[call]] = call;
        next[prev[call]] = call;
    }
}
