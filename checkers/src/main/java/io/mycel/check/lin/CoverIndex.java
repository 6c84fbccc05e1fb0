package io.mycel.check.lin;

/**
 * For histories with operations of unknown outcome: a configuration is covered by one seen before
 * that linearized the same known operations to the same state using a subset of the unknown ones.
 * The one seen before can do all the new one can (unknown operations need never take effect, and
 * their returns block nothing), so the new one need not be explored. The index keeps, per (known
 * set, state), the last few unknown sets seen: a bounded check that finds most covers without
 * scanning long lists. Missing a cover costs time, never correctness.
 */
final class CoverIndex {

    private static final int KEPT_PER_KEY = 8;
    private static final long BUCKET_BYTES = 16 + 8 * KEPT_PER_KEY + 16 + 48;

    private final long[] unknownMask;
    private final MemoryMeter meter;
    private long[] hashes;
    private Bucket[] buckets;
    private int mask;
    private int size;
    private long bytes;

    /** One (known set, state) and the unknown sets last seen with it, newest overwriting oldest. */
    private static final class Bucket {
        final long[] known;
        final Object state;
        final long[][] unknown = new long[KEPT_PER_KEY][];
        int next;

        Bucket(long[] known, Object state) {
            this.known = known;
            this.state = state;
        }
    }

    CoverIndex(long[] unknownMask, MemoryMeter meter) {
        this.unknownMask = unknownMask;
        this.meter = meter;
        allocate(1 << 6);
    }

    private void allocate(int capacity) {
        hashes = new long[capacity];
        buckets = new Bucket[capacity];
        mask = capacity - 1;
        meter.add(16L * capacity);
        bytes += 16L * capacity;
    }

    /**
     * Records the configuration unless one seen before covers it.
     *
     * @param knownHash a hash of the known operations in {@code set}
     * @return false when covered
     */
    boolean add(long[] set, long knownHash, Object state) {
        long hash = VisitedSet.mix(knownHash + 0x9E3779B97F4A7C15L * state.hashCode());
        if (hash == 0) {
            hash = 1;
        }
        int slot = (int) hash & mask;
        while (hashes[slot] != 0) {
            Bucket bucket = buckets[slot];
            if (hashes[slot] == hash && sameKnown(bucket.known, set) && bucket.state.equals(state)) {
                for (long[] seen : bucket.unknown) {
                    if (seen != null && subsetOfUnknown(seen, set)) {
                        return false;
                    }
                }
                if (bucket.unknown[bucket.next] == null) {
                    long added = 16L + 8L * set.length;
                    bytes += added;
                    meter.add(added);
                }
                bucket.unknown[bucket.next] = unknownPart(set);
                bucket.next = (bucket.next + 1) % KEPT_PER_KEY;
                return true;
            }
            slot = (slot + 1) & mask;
        }
        Bucket bucket = new Bucket(knownPart(set), state);
        bucket.unknown[0] = unknownPart(set);
        bucket.next = 1;
        hashes[slot] = hash;
        buckets[slot] = bucket;
        size++;
        long added = BUCKET_BYTES + 2 * (16L + 8L * set.length);
        bytes += added;
        meter.add(added);
        if (size * 2 > hashes.length) {
            grow();
        }
        return true;
    }

    private boolean sameKnown(long[] known, long[] set) {
        for (int i = 0; i < set.length; i++) {
            if (known[i] != (set[i] & ~unknownMask[i])) {
                return false;
            }
        }
        return true;
    }

    private boolean subsetOfUnknown(long[] seen, long[] set) {
        for (int i = 0; i < set.length; i++) {
            if ((seen[i] & ~set[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    private long[] knownPart(long[] set) {
        long[] out = new long[set.length];
        for (int i = 0; i < set.length; i++) {
            out[i] = set[i] & ~unknownMask[i];
        }
        return out;
    }

    private long[] unknownPart(long[] set) {
        long[] out = new long[set.length];
        for (int i = 0; i < set.length; i++) {
            out[i] = set[i] & unknownMask[i];
        }
        return out;
    }

    private void grow() {
        long[] oldHashes = hashes;
        Bucket[] oldBuckets = buckets;
        meter.release(16L * oldHashes.length);
        bytes -= 16L * oldHashes.length;
        allocate(oldHashes.length * 2);
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldHashes[i] != 0) {
                int slot = (int) oldHashes[i] & mask;
                while (hashes[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                hashes[slot] = oldHashes[i];
                buckets[slot] = oldBuckets[i];
            }
        }
    }

    void release() {
        meter.release(bytes);
        bytes = 0;
    }
}
