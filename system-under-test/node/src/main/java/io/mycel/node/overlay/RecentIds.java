package io.mycel.node.overlay;

/**
 * The broadcast ids a node has seen recently, as two generations of open-addressing sets of
 * primitive longs: an id is remembered for at least one and at most two generation lengths, which
 * bounds memory while a broadcast can still be circulating. Large meshes keep tens of thousands of
 * ids per node, so boxing them would dominate the simulator's heap.
 */
final class RecentIds {

    private final long generationMicros;
    private LongSet current = new LongSet();
    private LongSet previous = new LongSet();
    private long rotateAtMicros;

    RecentIds(long generationMicros) {
        this.generationMicros = generationMicros;
    }

    boolean contains(long nowMicros, long id) {
        rotate(nowMicros);
        return current.contains(id) || previous.contains(id);
    }

    /** True when the id was not seen before. */
    boolean add(long nowMicros, long id) {
        if (contains(nowMicros, id)) {
            return false;
        }
        current.add(id);
        return true;
    }

    private void rotate(long nowMicros) {
        if (nowMicros >= rotateAtMicros) {
            boolean skippedAGeneration = nowMicros >= rotateAtMicros + generationMicros;
            previous = skippedAGeneration ? new LongSet() : current;
            current = new LongSet();
            rotateAtMicros = nowMicros + generationMicros;
        }
    }

    /** Open addressing with linear probing; zero marks a free slot, so zero itself is kept aside. */
    static final class LongSet {
        private long[] slots = new long[16];
        private int size;
        private boolean hasZero;

        boolean contains(long id) {
            if (id == 0) {
                return hasZero;
            }
            int mask = slots.length - 1;
            for (int i = mix(id) & mask; ; i = (i + 1) & mask) {
                long s = slots[i];
                if (s == id) {
                    return true;
                }
                if (s == 0) {
                    return false;
                }
            }
        }

        void add(long id) {
            if (id == 0) {
                hasZero = true;
                return;
            }
            if ((size + 1) * 2 > slots.length) {
                long[] old = slots;
                slots = new long[old.length * 2];
                size = 0;
                for (long s : old) {
                    if (s != 0) {
                        insert(s);
                    }
                }
            }
            insert(id);
        }

        private void insert(long id) {
            int mask = slots.length - 1;
            int i = mix(id) & mask;
            while (slots[i] != 0) {
                if (slots[i] == id) {
                    return;
                }
                i = (i + 1) & mask;
            }
            slots[i] = id;
            size++;
        }

        private static int mix(long id) {
            long h = id * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }
}
