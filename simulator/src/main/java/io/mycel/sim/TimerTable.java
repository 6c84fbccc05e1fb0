package io.mycel.sim;

/**
 * The pending timers of a simulation by id: an open-addressing table of primitive keys (linear
 * probing, deletion by backward shift), because a timer is set and fired or cancelled for nearly
 * every message and a boxed hash map there costs more than the rest of the send path.
 */
final class TimerTable {

    private long[] keys = new long[1024];
    private TimerFire[] values = new TimerFire[1024];
    private int size;

    void put(long id, TimerFire fire) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(id, mask);
        while (values[i] != null) {
            if (keys[i] == id) {
                values[i] = fire;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = id;
        values[i] = fire;
        size++;
    }

    /** Removes and returns the timer, or null if it is not pending. */
    TimerFire remove(long id) {
        int mask = keys.length - 1;
        int i = slot(id, mask);
        while (values[i] != null) {
            if (keys[i] == id) {
                TimerFire found = values[i];
                deleteAt(i, mask);
                size--;
                return found;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    int size() {
        return size;
    }

    /** Backward-shift deletion: later entries of the probe run move up, so lookups never need tombstones. */
    private void deleteAt(int hole, int mask) {
        int i = hole;
        while (true) {
            i = (i + 1) & mask;
            if (values[i] == null) {
                break;
            }
            int home = slot(keys[i], mask);
            // Move the entry into the hole unless its home lies cyclically in (hole, i].
            boolean homeBetween = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (!homeBetween) {
                keys[hole] = keys[i];
                values[hole] = values[i];
                hole = i;
            }
        }
        values[hole] = null;
    }

    private void grow() {
        long[] oldKeys = keys;
        TimerFire[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new TimerFire[oldValues.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int slot(long id, int mask) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
