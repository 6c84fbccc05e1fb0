package io.mycel.node.kv;

import io.mycel.node.api.NodeId;
import io.mycel.node.registry.Owner;
import io.mycel.node.registry.Registration;

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
 *
 * <p>The process registry: {@code REGISTER} gives the name in the key to a task, written in
 * {@code value} as {@code node#incarnation} with the task's number in {@code token};
 * {@code UNREGISTER} frees a name held by a task of the owner in {@code value}. A client sends
 * both without an owner: the node it asks fills in itself, since the task is that node's.
 * {@code WHEREIS} reads a name's holder. {@code PURGE} releases every name held by earlier lives
 * of the node in the key; {@code token} is its new incarnation.
 */
public record KvOp(Kind kind, String key, String value, String expected, long token, long leaseMicros) {

    public enum Kind {
        GET, PUT, CAS, DELETE, ADD_VOTER, REMOVE_VOTER, ACQUIRE, RELEASE, FENCED_PUT, LOCAL_GET,
        REGISTER, UNREGISTER, WHEREIS, PURGE;

        /** Whether it goes through the log (everything but reads: lock operations change state too). */
        boolean isWrite() {
            return this != GET && this != LOCAL_GET && this != WHEREIS && !isMembership();
        }

        /** A change of names on behalf of a task of the node that takes the request. */
        boolean isRegistryChange() {
            return this == REGISTER || this == UNREGISTER;
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
        if (kind.isRegistryChange() && value != null) {
            Owner.parse(value);
            if (kind == Kind.REGISTER && token < 1) {
                throw new IllegalArgumentException("REGISTER names its task by a number from 1, got " + token);
            }
        }
        if (kind == Kind.PURGE) {
            new Owner(NodeId.of(key), token);
        }
    }

    /** A register of {@code name} to {@code task}, as the node hosting the task proposes it. */
    static KvOp registerTo(String name, Registration task) {
        return new KvOp(Kind.REGISTER, name, task.owner().toString(), null, task.task(), 0);
    }

    /** An unregister of {@code name} by a task of {@code owner}, as that node proposes it. */
    static KvOp unregisterBy(String name, Owner owner) {
        return new KvOp(Kind.UNREGISTER, name, owner.toString(), null);
    }

    /** The owner a registry change names; null when a client sent it and no node filled it in. */
    Owner owner() {
        return value == null ? null : Owner.parse(value);
    }

    public static KvOp register(String name) {
        return new KvOp(Kind.REGISTER, name, null, null);
    }

    public static KvOp unregister(String name) {
        return new KvOp(Kind.UNREGISTER, name, null, null);
    }

    public static KvOp whereis(String name) {
        return new KvOp(Kind.WHEREIS, name, null, null);
    }

    public static KvOp purge(Owner owner) {
        return new KvOp(Kind.PURGE, owner.node().name(), null, null, owner.incarnation(), 0);
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
