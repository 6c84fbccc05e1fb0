package io.mycel.node.store;

import java.util.Locale;

/** The CRDT every key of a store holds, as scenarios name it. */
public enum CrdtKind {
    COUNTER, SET, REGISTER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CrdtKind ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
