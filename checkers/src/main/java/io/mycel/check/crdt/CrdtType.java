package io.mycel.check.crdt;

import java.util.Locale;

/**
 * What a replicated value's reads show, which decides what explains them: a counter's reads are
 * sums of deltas ({@code add d}); a set's are elements ({@code add x}, {@code remove x}); a
 * register's are written values ({@code write v}).
 */
public enum CrdtType {
    COUNTER, SET, REGISTER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The check's name in a verdict table, e.g. {@code crdt-counter}. */
    public String checkName() {
        return "crdt-" + label();
    }
}
