package io.mycel.sim;

import java.io.Closeable;

/**
 * Receives one record per event of a run. Fields come as alternating names and values; values are
 * null, String, Number, Boolean or a List of those (nested lists allowed).
 */
public interface TraceSink extends Closeable {

    void record(long timeMicros, String type, Object... fields);

    /** True when records are kept; callers may skip building a record's fields when false. */
    default boolean enabled() {
        return true;
    }

    @Override
    default void close() {
    }

    TraceSink NONE = new TraceSink() {
        @Override
        public void record(long timeMicros, String type, Object... fields) {
        }

        @Override
        public boolean enabled() {
            return false;
        }
    };
}
