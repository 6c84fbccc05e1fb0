package io.mycel.node.kv;

/**
 * One operation on one key. {@code value} is what put and cas write; {@code expected} what cas
 * compares with (null: the key must be absent). Unused fields are null, or 0.
 *
 * <p>Locks: {@code ACQUIRE} takes the lock named by the key for {@code leaseMicros} and answers a
 * fencing token; {@code RELEASE} gives it back, naming the {@code token}. {@code FENCED_PUT} is a
 * put that the store (the protected resource) accepts only with a token at least as high as any it
 * accepted for that key before. {@code LOCAL_GET} reads the node's own state at once, answering
 * how stale it may be (metadata tables). The administrative kinds {@code ADD_VOTER} and
 * {@code REMOVE_VOTER} change Raft's voters; their key is the node's name.
 */
public record KvOp(Kind kind, String key, String value, String expected, long token, long leaseMicros) {

    public enum Kind {
        GET, PUT, CAS, DELETE, ADD_VOTER, REMOVE_VOTER, ACQUIRE, RELEASE, FENCED_PUT, LOCAL_GET;

        /** Whether it goes through the log (everything but reads: lock operations change state too). */
        boolean isWrite() {
            return this != GET && this != LOCAL_GET && !isMembership();
        }

        boolean isMembership() {
            return this == ADD_VOTER || this == REMOVE_VOTER;
        }
    }

    public KvOp {
        if (key == null) {
            throw new IllegalArgumentException("a kv operation needs a key");
        }
        if ((kind == Kind.PUT || kind == Kind.CAS || kind == Kind.FENCED_PUT) && value == null) {
            throw new IllegalArgumentException(kind + " needs a value");
        }
        if (token < 0 || leaseMicros < 0 || (kind == Kind.ACQUIRE && leaseMicros == 0)) {
            throw new IllegalArgumentException(kind + ": token and lease are not negative, and a lease is above 0");
        }
    }

    public KvOp(Kind kind, String key, String value, String expected) {
        this(kind, key, value, expected, 0, 0);
    }

    public static KvOp acquire(String lock, long leaseMicros) {
        return new KvOp(Kind.ACQUIRE, lock, null, null, 0, leaseMicros);
    }

    public static KvOp release(String lock, long token) {
        return new KvOp(Kind.RELEASE, lock, null, null, token, 0);
    }

    public static KvOp fencedPut(String key, String value, long token) {
        return new KvOp(Kind.FENCED_PUT, key, value, null, token, 0);
    }

    public static KvOp get(String key) {
        return new KvOp(Kind.GET, key, null, null);
    }

    public static KvOp put(String key, String value) {
        return new KvOp(Kind.PUT, key, value, null);
    }

    public static KvOp cas(String key, String expected, String value) {
        return new KvOp(Kind.CAS, key, value, expected);
    }

    public static KvOp delete(String key) {
        return new KvOp(Kind.DELETE, key, null, null);
    }

    public static KvOp localGet(String key) {
        return new KvOp(Kind.LOCAL_GET, key, null, null);
    }

    public static KvOp voters(boolean add, String node) {
        return new KvOp(add ? Kind.ADD_VOTER : Kind.REMOVE_VOTER, node, null, null);
    }
}
