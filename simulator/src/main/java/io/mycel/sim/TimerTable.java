package io.mycel.sim;

/**
 * The pending timers of a simulation by id: open addressing over primitive keys, because a timer
 * is set and fired or cancelled for nearly every message and a boxed hash map there costs more
 * than the rest of the send path.
 *
 * <p>Timer ids are handed out in sequence and each is put at most once, and most timers die in
 * about the order they were set. So an id's home slot is the id itself (modulo the capacity):
 * timers set close together sit close together and the table is walked nearly in order, which keeps
 * it in cache. Removal leaves a tombstone (shifting entries back would walk the whole run of live
 * ids), and the table is rebuilt when tombstones pile up, so probes stay short.
 *
 * <p>The price of that layout: looking up an id that is not there walks to the end of its run,
 * which may be long. So the simulation never asks for a cancelled timer: a cancelled
 * {@link TimerFire} carries a flag, and its firing returns on that. (Hashing ids to scatter them
 * instead made that walk short but halved the whole simulator's speed, by losing the locality.)
 */
final class TimerTable {

    private static final long EMPTY = 0;
    private static final long TOMBSTONE = -1;

    /** Ids are positive; 0 marks an empty slot, -1 a removed one. */
    private long[] keys = new long[1024];
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
        int i = (int) id & mask;
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
        int i = (int) id & mask;
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
