package io.mycel.check.model;

import io.mycel.check.History;
import io.mycel.check.Op;
import io.mycel.check.lin.Model;
import java.util.List;
import java.util.Objects;

/**
 * A single register: {@code read} returns its value, {@code write} replaces it, and (in the
 * compare-and-set variant) {@code cas [expected new]} replaces it only if it holds the expected
 * value. The state is the value itself.
 */
public final class RegisterModel implements Model<Object, RegisterModel.Step> {

    /** What a cas that completed with {@code fail} tells us. */
    public enum FailedCas {
        /** Jepsen's usual meaning: it did not take effect, and says nothing more. */
        NOT_APPLIED,
        /** The compare failed: the register did not hold the expected value when the cas took effect. */
        MISMATCH
    }

    enum Kind { READ, WRITE, CAS, CAS_MISMATCH }

    /** A prepared operation. */
    public record Step(Kind kind, Object value, Object replacement) {
        @Override
        public String toString() {
            return switch (kind) {
                case READ -> "read " + value;
                case WRITE -> "write " + value;
                case CAS -> "cas " + value + "->" + replacement;
                case CAS_MISMATCH -> "cas " + value + "->" + replacement + " (compare failed)";
            };
        }
    }

    private final boolean cas;
    private final Object initial;
    private final FailedCas failedCas;

    private RegisterModel(boolean cas, Object initial, FailedCas failedCas) {
        this.cas = cas;
        this.initial = Nil.wrap(initial);
        this.failedCas = Objects.requireNonNull(failedCas);
    }

    /** A read/write register starting at {@code initial} (null for nil). */
    public static RegisterModel register(Object initial) {
        return new RegisterModel(false, initial, FailedCas.NOT_APPLIED);
    }

    /** A read/write/cas register starting at {@code initial} (null for nil). */
    public static RegisterModel casRegister(Object initial, FailedCas failedCas) {
        return new RegisterModel(true, initial, failedCas);
    }

    @Override
    public String name() {
        return cas ? "cas-register" : "register";
    }

    @Override
    public Object initialState() {
        return initial;
    }

    @Override
    public Step prepare(History.Operation op) {
        boolean failed = op.outcome() == Op.Type.FAIL;
        switch (op.f()) {
            case "read":
                // A read that failed or whose answer is unknown constrains nothing.
                return op.isOk() ? new Step(Kind.READ, Nil.wrap(Operations.result(op)), null) : null;
            case "write":
                return failed ? null : new Step(Kind.WRITE, Nil.wrap(Operations.argument(op)), null);
            case "cas":
                if (!cas) {
                    break;
                }
                List<?> pair = Operations.pair(op, Operations.argument(op));
                Object expected = Nil.wrap(pair.get(0));
                Object replacement = Nil.wrap(pair.get(1));
                if (failed) {
                    return failedCas == FailedCas.MISMATCH ? new Step(Kind.CAS_MISMATCH, expected, replacement) : null;
                }
                return new Step(Kind.CAS, expected, replacement);
            default:
                break;
        }
        throw Operations.unknown(op, cas ? "read, write or cas" : "read or write");
    }

    @Override
    public boolean readOnly(Step op) {
        return op.kind == Kind.READ || op.kind == Kind.CAS_MISMATCH;
    }

    @Override
    public boolean prunes() {
        return true;
    }

    /** A read of v (or a cas expecting v) needs the register to hold v now, or a write of v among the others. */
    @Override
    public boolean reachable(Object state, Step target, List<Step> others) {
        switch (target.kind) {
            case READ, CAS -> {
                if (state.equals(target.value)) {
                    return true;
                }
                for (Step other : others) {
                    Object written = other.kind == Kind.WRITE ? other.value : other.kind == Kind.CAS ? other.replacement : null;
                    if (target.value.equals(written)) {
                        return true;
                    }
                }
                return false;
            }
            case CAS_MISMATCH -> {
                if (!state.equals(target.value)) {
                    return true;
                }
                for (Step other : others) {
                    Object written = other.kind == Kind.WRITE ? other.value : other.kind == Kind.CAS ? other.replacement : null;
                    if (written != null && !target.value.equals(written)) {
                        return true;
                    }
                }
                return false;
            }
            default -> {
                return true;
            }
        }
    }

    @Override
    public Object step(Object state, Step op) {
        return switch (op.kind) {
            case READ -> state.equals(op.value) ? state : null;
            case WRITE -> op.value;
            case CAS -> state.equals(op.value) ? op.replacement : null;
            case CAS_MISMATCH -> state.equals(op.value) ? null : state;
        };
    }
}
