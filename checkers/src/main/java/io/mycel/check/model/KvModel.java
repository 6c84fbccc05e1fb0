package io.mycel.check.model;

import io.mycel.check.History;
import io.mycel.check.Op;
import io.mycel.check.lin.Model;
import java.util.List;

/**
 * A key-value map, checked one key at a time (keys are independent objects, so the map is
 * linearizable exactly when each key's history is). Per key: {@code get} returns the value,
 * {@code put} replaces it, {@code append} concatenates a string to it, {@code cas [expected new]}
 * replaces it if it holds the expected value, {@code delete} removes it.
 *
 * <p>An absent key and the empty string are the same value here, as in Jepsen's and Porcupine's
 * append tests, where {@code get} of an unset key answers {@code ""}. The key is the operation's
 * {@code key}, or, in Jepsen's independent form, the first element of a {@code [key value]} value.
 */
public final class KvModel implements Model<Object, KvModel.Step> {

    enum Kind { GET, PUT, APPEND, CAS, DELETE }

    /**
     * A prepared operation on one key. Values are kept as given (nil for absent or empty); string
     * values also carry their hash and the base's power of their length, for {@link Text}.
     */
    public record Step(Kind kind, Object value, Object replacement, long hash, long power) {
        Step(Kind kind, Object value, Object replacement) {
            this(kind, value, replacement, value instanceof String s ? Text.hash(s) : 0,
                    value instanceof String s ? Text.power(s.length()) : 0);
        }

        @Override
        public String toString() {
            return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + value
                    + (kind == Kind.CAS ? "->" + replacement : "");
        }
    }

    @Override
    public String name() {
        return "kv";
    }

    @Override
    public Object initialState() {
        return Nil.NIL;
    }

    @Override
    public Object partitionKey(History.Operation op) {
        if (op.key() != null) {
            return op.key();
        }
        Object value = Operations.argument(op);
        if (value instanceof List<?> tuple && tuple.size() == 2) {
            return tuple.get(0);
        }
        throw Operations.unknown(op, "a key: a :key field, or a [key value] pair as the value");
    }

    @Override
    public Step prepare(History.Operation op) {
        boolean failed = op.outcome() == Op.Type.FAIL;
        boolean tupled = op.key() == null;
        Object argument = tupled ? untuple(Operations.argument(op)) : Operations.argument(op);
        switch (op.f()) {
            case "get":
            case "read":
                if (!op.isOk()) {
                    return null;
                }
                Object result = tupled ? untuple(Operations.result(op)) : Operations.result(op);
                return new Step(Kind.GET, normal(result), null);
            case "put":
            case "write":
                return failed ? null : new Step(Kind.PUT, normal(argument), null);
            case "append":
                if (!(argument instanceof String)) {
                    throw Operations.unknown(op, "a string to append, found " + argument);
                }
                return failed ? null : new Step(Kind.APPEND, normal(argument), null);
            case "cas":
                List<?> pair = Operations.pair(op, argument);
                return failed ? null : new Step(Kind.CAS, normal(pair.get(0)), normal(pair.get(1)));
            case "delete":
                return failed ? null : new Step(Kind.DELETE, Nil.NIL, null);
            default:
                throw Operations.unknown(op, "get, put, append, cas or delete");
        }
    }

    /** States are {@link Nil#NIL}, a {@link Text} (a string built by puts and appends), or another value put. */
    @Override
    public Object step(Object state, Step op) {
        return switch (op.kind) {
            case GET -> holds(state, op) ? state : null;
            case PUT -> op.value instanceof String s ? Text.of(s) : op.value;
            case APPEND -> op.value == Nil.NIL ? state
                    : state instanceof Text text ? text.append((String) op.value, op.hash, op.power)
                    : state == Nil.NIL ? Text.of((String) op.value)
                    : Text.of(state + (String) op.value);
            case CAS -> holds(state, op) ? (op.replacement instanceof String s ? Text.of(s) : op.replacement) : null;
            case DELETE -> Nil.NIL;
        };
    }

    /** Whether the key holds the step's value. */
    private static boolean holds(Object state, Step op) {
        if (state instanceof Text text) {
            return op.value instanceof String s && text.sameAs(s, op.hash);
        }
        return state.equals(op.value);
    }

    /** An appended state adds one node holding its part; the parts themselves are shared with the history. */
    @Override
    public long estimatedBytes(Object state) {
        return 48;
    }

    @Override
    public String describe(Object state) {
        return state.toString();
    }

    @Override
    public boolean readOnly(Step op) {
        return op.kind == Kind.GET;
    }

    @Override
    public boolean prunes() {
        return true;
    }

    /**
     * A get of v (or a cas expecting v) can still succeed from state s if v extends s by appends, or
     * if one of the others could reset the value to a prefix of v (a put or cas of such a value, or
     * a delete) for appends to extend.
     */
    @Override
    public boolean reachable(Object state, Step target, List<Step> others) {
        if (target.kind != Kind.GET && target.kind != Kind.CAS) {
            return true;
        }
        Object wanted = target.value;
        if (state == Nil.NIL || holds(state, target)) {
            return true;
        }
        // Appends only produce strings, so only a string can be reached by extending the state.
        String w = wanted instanceof String text ? text : null;
        if (w != null && (state instanceof Text text ? text.mayPrefix(w) : w.startsWith(String.valueOf(state)))) {
            return true;
        }
        for (Step other : others) {
            Object reset = switch (other.kind) {
                case PUT -> other.value;
                case CAS -> other.replacement;
                case DELETE -> Nil.NIL;
                default -> null;
            };
            if (reset == Nil.NIL || (reset != null && (reset.equals(wanted)
                    || (w != null && w.startsWith(String.valueOf(reset)))))) {
                return true;
            }
        }
        return false;
    }

    private static Object untuple(Object value) {
        return value instanceof List<?> tuple && tuple.size() == 2 ? tuple.get(1) : value;
    }

    private static Object normal(Object value) {
        return value == null || "".equals(value) ? Nil.NIL : value;
    }
}
