package io.mycel.node.kv;

/**
 * One operation on one key. {@code value} is what put and cas write; {@code expected} what cas
 * compares with (null: the key must be absent). Unused fields are null.
 */
public record KvOp(Kind kind, String key, String value, String expected) {

    public enum Kind {
        GET, PUT, CAS, DELETE;

        boolean isWrite() {
            return this != GET;
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
}
