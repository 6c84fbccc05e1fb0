package io.mycel.check.model;

import io.mycel.check.History;
import io.mycel.check.Op;
import io.mycel.check.lin.Model;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** A grow-only set: {@code add x} inserts, {@code read} returns every element. */
public final class SetModel implements Model<Set<Object>, SetModel.Step> {

    /** A prepared operation: an add of {@code element}, or a read that saw {@code seen}. */
    public record Step(Object element, Set<Object> seen) {
        @Override
        public String toString() {
            return seen == null ? "add " + element : "read " + sorted(seen);
        }
    }

    @Override
    public String name() {
        return "set";
    }

    @Override
    public Set<Object> initialState() {
        return Set.of();
    }

    @Override
    public Step prepare(History.Operation op) {
        switch (op.f()) {
            case "add":
                return op.outcome() == Op.Type.FAIL ? null : new Step(Nil.wrap(Operations.argument(op)), null);
            case "read":
                if (!op.isOk()) {
                    return null;
                }
                if (!(Operations.result(op) instanceof Collection<?> elements)) {
                    throw Operations.unknown(op, "the elements read as a list, found " + Operations.result(op));
                }
                Set<Object> seen = new HashSet<>();
                for (Object element : elements) {
                    seen.add(Nil.wrap(element));
                }
                return new Step(null, Set.copyOf(seen));
            default:
                throw Operations.unknown(op, "add or read");
        }
    }

    @Override
    public long estimatedBytes(Set<Object> state) {
        return 48 + 24L * state.size();
    }

    @Override
    public boolean readOnly(Step op) {
        return op.seen != null;
    }

    @Override
    public String describe(Set<Object> state) {
        return sorted(state);
    }

    /** Set.of iterates in an order that changes from run to run; evidence must not. */
    static String sorted(Set<Object> elements) {
        return elements.stream().map(String::valueOf).sorted().collect(java.util.stream.Collectors.joining(" ", "#{", "}"));
    }

    @Override
    public Set<Object> step(Set<Object> state, Step op) {
        if (op.seen != null) {
            return state.equals(op.seen) ? state : null;
        }
        if (state.contains(op.element)) {
            return state;
        }
        Set<Object> grown = new HashSet<>(state);
        grown.add(op.element);
        return Set.copyOf(grown);
    }
}
