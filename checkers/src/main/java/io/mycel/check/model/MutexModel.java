package io.mycel.check.model;

import io.mycel.check.History;
import io.mycel.check.Op;
import io.mycel.check.lin.Model;

/**
 * A lock: {@code acquire} succeeds only when nobody holds it, {@code release} only by its holder.
 * When a lock service hands out fencing tokens (the value of a successful acquire, a number), each
 * must be greater than every token granted before it, so a protected resource can refuse a stale
 * holder.
 */
public final class MutexModel implements Model<MutexModel.Lock, MutexModel.Step> {

    /** Who holds the lock (-1: nobody) and the greatest token granted so far. */
    public record Lock(long holder, long lastToken) {
        static final Lock FREE = new Lock(-1, Long.MIN_VALUE);

        Lock withToken(long token) {
            return new Lock(-1, token);
        }

        @Override
        public String toString() {
            return (holder < 0 ? "free" : "held by process " + holder)
                    + (lastToken == Long.MIN_VALUE ? "" : ", last token " + lastToken);
        }
    }

    /** A prepared operation; {@code token} is Long.MIN_VALUE when the acquire returned none. */
    public record Step(boolean acquire, long process, long token) {
        @Override
        public String toString() {
            return (acquire ? "acquire" : "release") + (token == Long.MIN_VALUE ? "" : " token " + token);
        }
    }

    @Override
    public String name() {
        return "mutex";
    }

    @Override
    public Lock initialState() {
        return Lock.FREE;
    }

    @Override
    public Step prepare(History.Operation op) {
        if (op.outcome() == Op.Type.FAIL) {
            if (op.f().equals("acquire") || op.f().equals("release")) {
                return null;
            }
        }
        switch (op.f()) {
            case "acquire":
                Object token = op.isOk() ? Operations.result(op) : null;
                if (token != null && !(token instanceof Long)) {
                    throw Operations.unknown(op, "a fencing token as a whole number (or nil), found " + token);
                }
                return new Step(true, op.process(), token == null ? Long.MIN_VALUE : (Long) token);
            case "release":
                return new Step(false, op.process(), Long.MIN_VALUE);
            default:
                throw Operations.unknown(op, "acquire or release");
        }
    }

    @Override
    public Lock step(Lock state, Step op) {
        if (op.acquire) {
            if (state.holder >= 0) {
                return null;
            }
            if (op.token == Long.MIN_VALUE) {
                return new Lock(op.process, state.lastToken);
            }
            return op.token > state.lastToken ? new Lock(op.process, op.token) : null;
        }
        return state.holder == op.process ? state.withToken(state.lastToken) : null;
    }
}
