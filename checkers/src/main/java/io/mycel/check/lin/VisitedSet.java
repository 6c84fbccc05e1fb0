package io.mycel.check.lin;

import java.util.Arrays;

/**
 * The search's memory of (linearized set, model state) pairs it has already explored; reaching one
 * again cannot lead anywhere new, which is what keeps Wing-Gong-Lowe search from being exponential
 * on most real histories. Open addressing over parallel arrays, so an entry costs a copy of the
 * bitset and three slots, and the table can say how much it holds.
 */
final class VisitedSet {

    /** Rough bytes per entry besides the bitset words and the state: array header, three slots at half load. */
    private static final long ENTRY_OVERHEAD_BYTES = 16 + 2 * (8 + 4 + 4);

    private long[] hashes;
    private long[][] sets;
    private Object[] states;
    private int mask;
    private int size;
    private long bytes;

    private final MemoryMeter meter;

    VisitedSet(MemoryMeter meter) {
        this.meter = meter;
        allocate(1 << 6);
        meter.add(24L * hashes.length);
    }

    private void allocate(int capacity) {
        hashes = new long[capacity];
        sets = new long[capacity][];
        states = new Object[capacity];
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    /** Estimated bytes held. */
    long bytes() {
        return bytes + 24L * hashes.length;
    }

    /**
     * Adds the pair unless it is there already.
     *
     * @param setHash a hash of {@code set} that the caller keeps up to date incrementally
     * @return true when the pair is new
     */
    boolean add(long[] set, long setHash, Object state, long stateBytes) {
        long hash = mix(setHash + 0x9E3779B97F4A7C15L * state.hashCode());
        if (hash == 0) {
            hash = 1;
        }
        int slot = (int) hash & mask;
        while (true) {
            long existing = hashes[slot];
            if (existing == 0) {
                break;
            }
            if (existing == hash && Arrays.equals(sets[slot], set) && states[slot].equals(state)) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        hashes[slot] = hash;
        sets[slot] = set.clone();
        states[slot] = state;
        size++;
        long entryBytes = ENTRY_OVERHEAD_BYTES + 16 + 8L * set.length + stateBytes;
        bytes += entryBytes;
        meter.add(entryBytes);
        if (size * 2 > hashes.length) {
            meter.add(24L * hashes.length);
            grow();
        }
        return true;
    }

    private void grow() {
        long[] oldHashes = hashes;
        long[][] oldSets = sets;
        Object[] oldStates = states;
        allocate(oldHashes.length * 2);
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldHashes[i] != 0) {
                int slot = (int) oldHashes[i] & mask;
                while (hashes[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                hashes[slot] = oldHashes[i];
                sets[slot] = oldSets[i];
                states[slot] = oldStates[i];
            }
        }
    }

    /** A 64-bit finalizer (Stafford's variant 13), so nearby hashes land far apart. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
