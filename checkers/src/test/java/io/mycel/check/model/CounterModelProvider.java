package io.mycel.check.model;

import io.mycel.check.History;
import io.mycel.check.Op;
import io.mycel.check.lin.Model;

/** A model of the kind a user adds: a linearizable counter ({@code incr}, {@code read}), found by the service loader. */
public final class CounterModelProvider implements ModelProvider {

    /** Prepared: an increment (read null) or a read of a value. */
    record Step(Long read) {
    }

    @Override
    public String name() {
        return "test-counter";
    }

    @Override
    public Model<?, ?> create(Models.Options options) {
        return new Model<Long, Step>() {
            @Override
            public String name() {
                return "test-counter";
            }

            @Override
            public Long initialState() {
                return 0L;
            }

            @Override
            public Step prepare(History.Operation op) {
                if (op.f().equals("incr")) {
                    return op.outcome() == Op.Type.FAIL ? null : new Step(null);
                }
                if (op.f().equals("read")) {
                    return op.isOk() ? new Step(op.completion().longValue()) : null;
                }
                throw new IllegalArgumentException("expected incr or read, found " + op.f());
            }

            @Override
            public Long step(Long state, Step op) {
                if (op.read() == null) {
                    return state + 1;
                }
                return op.read().equals(state) ? state : null;
            }
        };
    }
}
