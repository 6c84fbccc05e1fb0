package io.mycel.sim;

/**
 * The pending timers of a simulation by id: open addressing over primitive keys, because a timer
 * is set and fired or cancelled for nearly every message and a boxed hash map there costs more
 * than the rest of the send path.
 *
 * <p>Timer ids are handed out in sequence and each is put at most once. An id's home slot is a
 * Fibonacci hash of it: taking the id itself modulo the capacity laid sequential ids out in one
 * contiguous run of live entries and tombstones, and looking up an id that is no longer there (a
 * cancelled timer coming due, which Plumtree's graft timers do all the time) walked that whole run,
 * up to half the table per lookup. Removal leaves a tombstone, and the table is rebuilt when
 * tombstones pile up, so probes stay short.
 */
final class TimerTable {

    private static final long EMPTY = 0;
    private static final long TOMBSTONE = -1;

    /** Ids are positive; 0 marks an empty slot, -1 a removed one. */
    private long[] keys = new long[1024];
    /** 64 minus log2 of the capacity: a home slot is the top bits of the id times the golden ratio. */
    private int shift = 64 - 10;
    private TimerFire[] values = new TimerFire[1024];
    private int size;
    private int tombstones;
    /** The arrays of the previous rebuild, cleared, kept for the next one at the same capacity. */
    private long[] spareKeys;
    private TimerFire[] spareValues;

    void put(long id, TimerFire fire) {
        if (id <= 0) {
            throw new IllegalArgumentException("timer ids are positive: " + id);
        }
        if ((size + tombstones + 1) * 2 > keys.length) {
            rebuild(size * 4 > keys.length ? keys.length * 2 : keys.length);
        }
        int mask = keys.length - 1;
        int i = home(id);
        while (keys[i] != EMPTY && keys[i] != TOMBSTONE) {
            if (keys[i] == id) {
                values[i] = fire;
                return;
            }
            i = (i + 1) & mask;
        }
        if (keys[i] == TOMBSTONE) {
            // A reused tombstone is safe only because an id is never put twice while present
            // further along the probe run; check anyway, as a bug here would lose timers silently.
            int j = (i + 1) & mask;
            while (keys[j] != EMPTY) {
                if (keys[j] == id) {
                    values[j] = fire;
                    return;
                }
                j = (j + 1) & mask;
            }
            tombstones--;
        }
        keys[i] = id;
        values[i] = fire;
        size++;
    }

    /** Removes and returns the timer, or null if it is not pending. */
    TimerFire remove(long id) {
        int mask = keys.length - 1;
        int i = home(id);
        while (keys[i] != EMPTY) {
            if (keys[i] == id) {
                TimerFire found = values[i];
                keys[i] = TOMBSTONE;
                values[i] = null;
                size--;
                tombstones++;
                return found;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    private int home(long id) {
        return (int) ((id * 0x9E3779B97F4A7C15L) >>> shift);
    }

    int size() {
        return size;
    }

    /**
     * Re-inserts the live entries without tombstones. A rebuild at the same capacity reuses a spare
     * pair of arrays instead of allocating: in large runs the arrays are big enough for the
     * collector to treat them as humongous, and a fresh pair every rebuild piled up as garbage.
     */
    private void rebuild(int capacity) {
        long[] oldKeys = keys;
        TimerFire[] oldValues = values;
        if (spareKeys != null && spareKeys.length == capacity) {
            keys = spareKeys;
            values = spareValues;
        } else {
            keys = new long[capacity];
            values = new TimerFire[capacity];
        }
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        size = 0;
        tombstones = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] > 0) {
                put(oldKeys[i], oldValues[i]);
            }
        }
        java.util.Arrays.fill(oldKeys, EMPTY);
        java.util.Arrays.fill(oldValues, null);
        spareKeys = oldKeys;
        spareValues = oldValues;
    }
}
