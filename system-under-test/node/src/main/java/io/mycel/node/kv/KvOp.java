package io.mycel.node.kv;

/**
 * One operation on one key. {@code value} is what put and cas write; {@code expected} what cas
 * compares with (null: the key must be absent). Unused fields are null. The administrative kinds
 * {@code ADD_VOTER} and {@code REMOVE_VOTER} change Raft's voters; their key is the node's name.
 */
public record KvOp(Kind kind, String key, String value, String expected) {

    public enum Kind {
        GET, PUT, CAS, DELETE, ADD_VOTER, REMOVE_VOTER;

        boolean isWrite() {
            return this == PUT || this == CAS || this == DELETE;
        }

        boolean isMembership() {
            return this == ADD_VOTER || this == REMOVE_VOTER;
        }
    }

    public KvOp {
        if (key == null) {
            throw new IllegalArgumentException("a kv operation needs a key");
        }
        if ((kind == Kind.PUT || kind == Kind.CAS) && value == null) {
            throw new IllegalArgumentException(kind + " needs a value");
        }
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

    public static KvOp voters(boolean add, String node) {
        return new KvOp(add ? Kind.ADD_VOTER : Kind.REMOVE_VOTER, node, null, null);
    }
}
