package io.mycel.check.model;

import io.mycel.check.History;
import io.mycel.check.Op;
import io.mycel.check.lin.Model;
import java.util.List;

/**
 * A global name registry, as Syn's on the BEAM: a name is registered to one task at a time, and a
 * task lives on one node. Checked one name at a time; the state of a name is the node whose task
 * holds it, or nil.
 *
 * <ul>
 *   <li>{@code register [name node]}: ok takes a free name for a task of {@code node}; fail says
 *       the name was held (by the task its completion names, when it names one).</li>
 *   <li>{@code unregister [name node]}: ok frees a name held by a task of {@code node}; fail says
 *       no task of that node held it.</li>
 *   <li>{@code whereis [name owner]}: reads who holds the name (nil: nobody).</li>
 *   <li>{@code purge owner}: a restarted node releases every name its lost tasks held. It touches
 *       every name, so it is copied into each name's sub-history: that checks each projection of
 *       it, though not that it freed all its names at one instant.</li>
 * </ul>
 *
 * <p>Owners may be written as the node alone ({@code n3}) or with the task's incarnation and
 * number ({@code n3#4.17}); the model compares nodes.
 */
public final class RegistryModel implements Model<Object, RegistryModel.Step> {

    /** The operations this model knows, for projecting a mixed history onto the registry. */
    public static final List<String> OPERATIONS = List.of("register", "unregister", "whereis", "purge");

    enum Kind { REGISTER, UNREGISTER, WHEREIS, PURGE }

    /**
     * A prepared operation. {@code node} is the node it names (the registering node, the reader's
     * answer, the purging node); {@code failed} marks a completed fail, which constrains too: a
     * register failed only on a held name, an unregister only on one the node did not hold.
     */
    public record Step(Kind kind, Object node, boolean failed) {
        @Override
        public String toString() {
            return (failed ? "failed " : "") + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + node;
        }
    }

    @Override
    public String name() {
        return "registry";
    }

    @Override
    public Object initialState() {
        return Nil.NIL;
    }

    @Override
    public Object partitionKey(History.Operation op) {
        if (op.f().equals("purge")) {
            return null;
        }
        return nameOf(op, Operations.argument(op));
    }

    @Override
    public boolean touchesEveryObject(History.Operation op) {
        return op.f().equals("purge");
    }

    @Override
    public Step prepare(History.Operation op) {
        boolean failed = op.outcome() == Op.Type.FAIL;
        switch (op.f()) {
            case "register": {
                if (failed) {
                    // Failed on a held name: by the holder named, when the answer names one.
                    return new Step(Kind.REGISTER, nodeOf(held(op, Operations.result(op))), true);
                }
                return new Step(Kind.REGISTER, nodeOf(held(op, Operations.argument(op))), false);
            }
            case "unregister":
                return new Step(Kind.UNREGISTER, nodeOf(held(op, Operations.argument(op))), failed);
            case "whereis":
                return op.isOk() ? new Step(Kind.WHEREIS, nodeOf(held(op, Operations.result(op))), false) : null;
            case "purge": {
                Object owner = Operations.argument(op);
                if (!(owner instanceof String)) {
                    throw Operations.unknown(op, "the purging node as a string, found " + owner);
                }
                return failed ? null : new Step(Kind.PURGE, nodeOf(owner), false);
            }
            default:
                throw Operations.unknown(op, "register, unregister, whereis or purge");
        }
    }

    @Override
    public Object step(Object state, Step op) {
        return switch (op.kind) {
            case REGISTER -> op.failed
                    ? (state != Nil.NIL && (op.node == Nil.NIL || state.equals(op.node)) ? state : null)
                    : (state == Nil.NIL ? op.node : null);
            case UNREGISTER -> op.failed
                    ? (state.equals(op.node) ? null : state)
                    : (state.equals(op.node) ? Nil.NIL : null);
            case WHEREIS -> state.equals(op.node) ? state : null;
            case PURGE -> state.equals(op.node) ? Nil.NIL : state;
        };
    }

    @Override
    public boolean readOnly(Step op) {
        return op.kind == Kind.WHEREIS || op.failed;
    }

    /** The node part of an owner: {@code n3} of {@code n3#4.17}; nil stays nil. */
    static Object nodeOf(Object owner) {
        if (owner == Nil.NIL || owner == null) {
            return Nil.NIL;
        }
        String text = owner.toString();
        int hash = text.indexOf('#');
        return hash < 0 ? text : text.substring(0, hash);
    }

    private static Object nameOf(History.Operation op, Object value) {
        if (value instanceof List<?> pair && pair.size() == 2 && pair.get(0) != null) {
            return pair.get(0);
        }
        throw Operations.unknown(op, "a pair [name owner] as the value, found " + value);
    }

    /** The owner half of a {@code [name owner]} pair, nil when absent. */
    private static Object held(History.Operation op, Object value) {
        if (value == null) {
            return Nil.NIL;
        }
        if (value instanceof List<?> pair && pair.size() == 2) {
            return pair.get(1) == null ? Nil.NIL : pair.get(1);
        }
        throw Operations.unknown(op, "a pair [name owner] as the value, found " + value);
    }
}
