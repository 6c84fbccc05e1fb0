package io.mycel.check.model;

/**
 * The absent value as a model state, since states are never null (null is how a step says no).
 * A register that was never written holds it; a read of nil matches it.
 */
enum Nil {
    NIL;

    static Object wrap(Object value) {
        return value == null ? NIL : value;
    }

    @Override
    public String toString() {
        return "nil";
    }
}
