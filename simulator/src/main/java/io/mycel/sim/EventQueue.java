package io.mycel.sim;

import java.util.Arrays;

/**
 * A binary min-heap of events ordered by (time, sequence number). Keys live in primitive arrays
 * beside the events, so sifting compares longs without touching the event objects.
 */
final class EventQueue {

    private long[] times = new long[1024];
    private long[] seqs = new long[1024];
    private Event[] events = new Event[1024];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

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
