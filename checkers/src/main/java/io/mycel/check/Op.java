package io.mycel.check;

import java.util.Objects;

/**
 * One entry of a history, in the shape Jepsen uses: a process invokes an operation and later
 * completes it as ok, fail, or info (unknown: it may or may not have taken effect, at any time after
 * its invocation).
 *
 * @param index position in the history, from 0
 * @param process the logical client; a process has at most one operation open at a time
 * @param f the operation's name, e.g. {@code add} or {@code read}
 * @param key the key the operation touches, for histories of many independent objects (a key-value
 *     store), or null
 * @param value null, a Long, a String, or a List of those
 * @param node the node the client spoke to, or null
 * @param finalRead true for the reads the runner makes after healing, to judge convergence
 */
public record Op(long index, long process, Type type, String f, Object key, Object value, long timeMicros,
                 String node, boolean finalRead) {

    public enum Type {
        INVOKE, OK, FAIL, INFO;

        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Op {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(f, "f");
    }

    /** An operation on a single object, with no key. */
    public Op(long index, long process, Type type, String f, Object value, long timeMicros, String node,
              boolean finalRead) {
        this(index, process, type, f, null, value, timeMicros, node, finalRead);
    }

    public boolean isInvoke() {
        return type == Type.INVOKE;
    }

    /** The value as a long, for checkers of numeric models. */
    public long longValue() {
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalStateException("operation " + index + " (" + f + ") has no numeric value: " + value);
    }
}
