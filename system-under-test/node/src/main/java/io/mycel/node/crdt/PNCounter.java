package io.mycel.node.crdt;

/** A counter that goes both ways: one grow-only counter of increments, one of decrements. */
public record PNCounter(GCounter up, GCounter down) implements Crdt<PNCounter> {

    public static final PNCounter EMPTY = new PNCounter(GCounter.EMPTY, GCounter.EMPTY);

    public long value() {
        return up.value() - down.value();
    }

    /**
     * True when {@code replica} can add {@code amount}: its count of increments (or of decrements,
     * for a negative amount) stays within a long.
     */
    public boolean canAdd(String replica, long amount) {
        if (amount == Long.MIN_VALUE) {
            return false;   // its size is no long
        }
        GCounter side = amount >= 0 ? up : down;
        return side.counts().getOrDefault(replica, 0L) <= Long.MAX_VALUE - Math.abs(amount);
    }

    /** The delta of {@code replica} adding {@code amount}, which may be negative (zero is no change). */
    public PNCounter add(String replica, long amount) {
        if (amount > 0) {
            return new PNCounter(up.increment(replica, amount), GCounter.EMPTY);
        }
        if (amount < 0) {
            return new PNCounter(GCounter.EMPTY, down.increment(replica, -amount));
        }
        return EMPTY;
    }

    @Override
    public PNCounter merge(PNCounter other) {
        return new PNCounter(up.merge(other.up), down.merge(other.down));
    }
}
