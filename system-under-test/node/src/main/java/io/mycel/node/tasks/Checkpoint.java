package io.mycel.node.tasks;

import java.util.Arrays;

/**
 * A task's saved state: {@code version} counts the work the state reflects and only grows, so of two
 * checkpoints of one task the higher version is the later state.
 */
public record Checkpoint(long version, byte[] state) {

    public static final Checkpoint EMPTY = new Checkpoint(0, new byte[0]);

    public Checkpoint {
        if (version < 0) {
            throw new IllegalArgumentException("a checkpoint version counts from 0, got " + version);
        }
        state = state.clone();
    }

    @Override
    public byte[] state() {
        return state.clone();
    }

    public int size() {
        return state.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && c.version == version && Arrays.equals(c.state, state);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(version) * 31 + Arrays.hashCode(state);
    }

    @Override
    public String toString() {
        return "Checkpoint[version=" + version + ", " + state.length + " bytes]";
    }
}
