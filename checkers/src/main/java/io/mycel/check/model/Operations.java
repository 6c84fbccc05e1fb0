package io.mycel.check.model;

import io.mycel.check.History;
import io.mycel.check.Op;
import java.util.List;

/** What models read out of an operation, with errors that name the operation. */
final class Operations {

    private Operations() {
    }

    /** The value the client sent: a write's value, a cas's pair. */
    static Object argument(History.Operation op) {
        return op.invoke().value();
    }

    /** The value the system answered with: what a read returned. Null when there is no answer. */
    static Object result(History.Operation op) {
        return op.completion() == null ? null : op.completion().value();
    }

    static boolean known(History.Operation op) {
        return op.outcome() == Op.Type.OK || op.outcome() == Op.Type.FAIL;
    }

    /** A cas's [expected new] pair. */
    static List<?> pair(History.Operation op, Object value) {
        if (value instanceof List<?> list && list.size() == 2) {
            return list;
        }
        throw unknown(op, "a pair [expected new] as the value of " + op.f() + ", found " + value);
    }

    static IllegalArgumentException unknown(History.Operation op, String expected) {
        return new IllegalArgumentException("process " + op.process() + " " + op.f() + ": expected " + expected);
    }
}
