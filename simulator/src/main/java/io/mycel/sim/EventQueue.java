package io.mycel.sim;

import java.util.Arrays;

/**
 * The simulator's event queue: events come out ordered by (time, sequence number).
 *
 * <p>A timing wheel of {@value #SLOTS} one-microsecond slots covers the near future
 * [cursor, cursor + SLOTS); each slot is a FIFO list threaded through the events themselves, so an
 * add or a poll there is O(1) with no allocation. Events further out wait in a binary heap keyed by
 * (time, seq) and move into the wheel, in key order, as soon as the wheel's window reaches their
 * time, which happens before any later add can land in that slot. A slot therefore always lists its
 * events in sequence order: those moved from the heap (scheduled earlier) first, then direct adds in
 * the order they came. A bitmap of non-empty slots lets a poll skip 64 empty slots per step.
 *
 * <p>Every add must be at or after the time of the last poll (the simulator never schedules in the
 * past), which keeps every wheel event inside the window.
 */
final class EventQueue {

    static final int SLOT_BITS = 16;
    static final int SLOTS = 1 << SLOT_BITS;
    private static final int MASK = SLOTS - 1;

    private final Event[] heads = new Event[SLOTS];
    private final Event[] tails = new Event[SLOTS];
    private final long[] occupied = new long[SLOTS / 64];
    /** Time of the last poll: no event is earlier, and the wheel covers [cursor, cursor + SLOTS). */
    private long cursor;
    private int wheelSize;
    private final FarHeap far = new FarHeap();

    int size() {
        return wheelSize + far.size;
    }

    boolean isEmpty() {
        return size() == 0;
    }

    void add(long time, long seq, Event event) {
        if (time < cursor) {
            throw new IllegalStateException("event at " + time + "us is before the queue's time " + cursor + "us");
        }
        if (time - cursor < SLOTS) {
            append(time, event);
        } else {
            far.add(time, seq, event);
        }
    }

    /** Time of the earliest event; the queue must not be empty. */
    long peekTime() {
        if (wheelSize == 0) {
            return far.peekTime();
        }
        return cursor + distanceToNextSlot();
    }

    Event poll() {
        if (wheelSize == 0) {
            advanceTo(far.peekTime());
        }
        long time = cursor + distanceToNextSlot();
        if (time != cursor) {
            advanceTo(time);
        }
        int slot = (int) (time & MASK);
        Event event = heads[slot];
        heads[slot] = event.next;
        event.next = null;
        if (heads[slot] == null) {
            tails[slot] = null;
            occupied[slot >>> 6] &= ~(1L << slot);
        }
        wheelSize--;
        return event;
    }

    private void append(long time, Event event) {
        int slot = (int) (time & MASK);
        event.next = null;
        if (heads[slot] == null) {
            heads[slot] = event;
            occupied[slot >>> 6] |= 1L << slot;
        } else {
            tails[slot].next = event;
        }
        tails[slot] = event;
        wheelSize++;
    }

    /** Moves the window to start at {@code time}, bringing in every far event it now covers. */
    private void advanceTo(long time) {
        cursor = time;
        while (far.size > 0 && far.peekTime() - cursor < SLOTS) {
            long t = far.peekTime();
            append(t, far.poll());
        }
    }

    /** Slots from the cursor's to the first non-empty one; the wheel must not be empty. */
    private int distanceToNextSlot() {
        int start = (int) (cursor & MASK);
        int word = start >>> 6;
        long bits = occupied[word] & (-1L << start);
        for (int scanned = 0; scanned <= occupied.length; scanned++) {
            if (bits != 0) {
                int slot = (word << 6) + Long.numberOfTrailingZeros(bits);
                return (slot - start) & MASK;
            }
            word = (word + 1) & (occupied.length - 1);
            bits = occupied[word];
        }
        throw new IllegalStateException("wheel holds " + wheelSize + " events but no slot is marked");
    }

    /** A binary min-heap on (time, seq) for events beyond the wheel's window. */
    private static final class FarHeap {
        private long[] times = new long[256];
        private long[] seqs = new long[256];
        private Event[] events = new Event[256];
        int size;

        long peekTime() {
            return times[0];
        }

        void add(long time, long seq, Event event) {
            if (size == times.length) {
                int capacity = size * 2;
                times = Arrays.copyOf(times, capacity);
                seqs = Arrays.copyOf(seqs, capacity);
                events = Arrays.copyOf(events, capacity);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!before(time, seq, times[parent], seqs[parent])) {
                    break;
                }
                move(parent, i);
                i = parent;
            }
            times[i] = time;
            seqs[i] = seq;
            events[i] = event;
        }

        Event poll() {
            Event top = events[0];
            int last = --size;
            long time = times[last];
            long seq = seqs[last];
            Event event = events[last];
            events[last] = null;
            int i = 0;
            int half = last >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                int right = child + 1;
                if (right < last && before(times[right], seqs[right], times[child], seqs[child])) {
                    child = right;
                }
                if (!before(times[child], seqs[child], time, seq)) {
                    break;
                }
                move(child, i);
                i = child;
            }
            if (last > 0) {
                times[i] = time;
                seqs[i] = seq;
                events[i] = event;
            }
            return top;
        }

        private void move(int from, int to) {
            times[to] = times[from];
            seqs[to] = seqs[from];
            events[to] = events[from];
        }

        private static boolean before(long timeA, long seqA, long timeB, long seqB) {
            return timeA < timeB || (timeA == timeB && seqA < seqB);
        }
    }
}
