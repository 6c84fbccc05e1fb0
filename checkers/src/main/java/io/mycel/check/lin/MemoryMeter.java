package io.mycel.check.lin;

/**
 * What the searches of one check hold in their visited sets together, against the check's memory
 * budget. An estimate from entry counts and sizes, not a heap measurement: cheap to keep, and close
 * enough to stop well before the heap is exhausted.
 */
final class MemoryMeter {

    private final long limitBytes;
    private long heldBytes;

    MemoryMeter(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    void add(long bytes) {
        heldBytes += bytes;
    }

    void release(long bytes) {
        heldBytes -= bytes;
    }

    boolean exceeded() {
        return heldBytes > limitBytes;
    }
}
