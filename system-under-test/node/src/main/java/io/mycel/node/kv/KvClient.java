package io.mycel.node.kv;

import io.mycel.node.api.ClientAdapter;
import io.mycel.node.api.ClientCall;
import io.mycel.node.api.ClientReply;
import io.mycel.node.api.ClientSession;
import io.mycel.node.api.Message;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.NodeOperation;
import io.mycel.node.api.RandomSource;
import io.mycel.node.kv.KvMessages.Reply;
import io.mycel.node.kv.KvMessages.Request;
import io.mycel.node.registry.RegistryMember;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Client side of {@code raft-kv}, recorded in the independent-key form the {@code kv} model reads:
 * every value is a pair {@code [key value]}; a cas carries {@code [key [expected new]]}. Keys are
 * drawn from {@value #KEYS} so operations contend; values from a wide range, so a read names the
 * write it saw.
 *
 * <p>Lock operations, with a session per client that remembers the tokens it holds: {@code acquire}
 * takes lock {@code l1} or {@code l2} for a lease of {@value #LEASE_MICROS} us and records
 * {@code [lock token]}; {@code write} is a fenced put of the resource the lock guards ({@code r1}
 * for {@code l1}) with the token the client holds for it (0 when none), recorded under the lock as
 * {@code [lock [token value]]}; {@code release} gives a held lock back, {@code [lock token]}.
 * A client keeps using a token after its lease ran out, as a paused process would: the fence must
 * stop it.
 *
 * <p>Metadata tables: {@code table-write} puts a row of table {@code nodes} or {@code config}
 * (keys {@code nodes/row1} and so on) through Raft; {@code table-read} reads a row from the node's
 * own state at once, recorded as {@code [row [value staleness]]}, the staleness in microseconds as
 * the node states it (null when it cannot tell).
 *
 * <p>The process registry, by a session that knows the node it asks: {@code register} asks that
 * node to start a task and register one of {@value #NAMES} names to it, recorded as
 * {@code [name node]} and completed with the holder the registry answers ({@code n3#4.17}: task 17
 * of n3's fourth life; on a fail, whoever held the name); {@code unregister} asks that the node's
 * task holding the name exit, {@code [name node]}; {@code whereis} reads a name's holder,
 * {@code [name holder]}. A restarted node's release of its lost tasks' names enters the history as
 * {@code purge node#incarnation}, from the events it emits ({@link #nodeOperation}).
 */
final class KvClient implements ClientAdapter {

    static final int KEYS = 5;
    static final long VALUES = 1_000_000;
    static final int LOCKS = 2;
    static final long LEASE_MICROS = 200_000;
    static final int NAMES = 4;
    private static final List<String> SESSION_OPERATIONS = List.of("acquire", "write", "release", "register", "unregister", "whereis");

    @Override
    public List<String> operations() {
        return List.of("get", "put", "cas", "delete", "acquire", "write", "release", "table-write", "table-read",
                "register", "unregister", "whereis");
    }

    @Override
    public String readOperation() {
        return "get";
    }

    @Override
    public ClientCall call(String operation, long requestId, RandomSource random) {
        String key = "k" + (1 + random.nextInt(KEYS));
        return switch (operation) {
            case "get" -> new ClientCall(new Request(requestId, KvOp.get(key)), pair(key, null));
            case "put" -> {
                String value = value(random);
                yield new ClientCall(new Request(requestId, KvOp.put(key, value)), pair(key, value));
            }
            case "cas" -> {
                // Expect a small value so a cas sometimes matches: the workload's puts of small values make them.
                String expected = Long.toString(random.nextLong(1, 3));
                String value = value(random);
                yield new ClientCall(new Request(requestId, KvOp.cas(key, expected, value)),
                        pair(key, Arrays.asList(expected, value)));
            }
            case "delete" -> new ClientCall(new Request(requestId, KvOp.delete(key)), pair(key, null));
            case "table-write" -> {
                String row = tableKey(random);
                String value = Long.toString(random.nextLong(1, VALUES));
                yield new ClientCall(new Request(requestId, KvOp.put(row, value)), pair(row, value));
            }
            case "table-read" -> {
                String row = tableKey(random);
                yield new ClientCall(new Request(requestId, KvOp.localGet(row)), pair(row, null));
            }
            default -> throw new IllegalArgumentException("raft-kv has no operation " + operation
                    + (SESSION_OPERATIONS.contains(operation) ? " outside a client session" : ""));
        };
    }

    @Override
    public List<String> adminActions() {
        return List.of("add-voter", "remove-voter");
    }

    @Override
    public ClientCall admin(String action, String node, long requestId) {
        return switch (action) {
            case "add-voter" -> new ClientCall(new Request(requestId, KvOp.voters(true, node)), node);
            case "remove-voter" -> new ClientCall(new Request(requestId, KvOp.voters(false, node)), node);
            default -> throw new IllegalArgumentException("raft-kv has no admin action " + action);
        };
    }

    @Override
    public ClientReply reply(Message message) {
        if (!(message instanceof Reply reply)) {
            return null;
        }
        // A get's answer names its key, so the history holds the pair; others keep their invocation's value.
        return new ClientReply(reply.requestId(), reply.applied(), reply.key() == null ? null : pair(reply.key(), reply.value()));
    }

    @Override
    public ClientSession newSession() {
        return new KvSession(null);
    }

    @Override
    public ClientSession newSession(NodeId node) {
        return new KvSession(node);
    }

    @Override
    public NodeOperation nodeOperation(NodeId node, String event, String detail) {
        return switch (event) {
            case RegistryMember.PURGE_EVENT -> new NodeOperation(detail, NodeOperation.Phase.INVOKE, "purge", detail);
            case RegistryMember.PURGED_EVENT -> new NodeOperation(detail, NodeOperation.Phase.OK, "purge", detail);
            default -> null;
        };
    }

    /**
     * One client: remembers the token of each lock it holds, to write and release with it, knows
     * the node it asks (whose tasks it registers), and shapes answers by the operation it sent (a
     * table read's carries its staleness).
     */
    private final class KvSession implements ClientSession {
        private final NodeId node;
        private final Map<String, Long> held = new TreeMap<>();
        /** Names this client registered, in order; one may have been released since by a restart. */
        private final List<String> registered = new java.util.ArrayList<>();
        /** The lock or name the open operation is about. */
        private String openLock;
        private String openOperation;
        private long openRequest;

        KvSession(NodeId node) {
            this.node = node;
        }

        @Override
        public ClientCall call(String operation, long requestId, RandomSource random) {
            openOperation = operation;
            openRequest = requestId;
            switch (operation) {
                case "register", "unregister", "whereis" -> {
                    if (node == null) {
                        throw new IllegalArgumentException(operation + " needs a session that knows the node it asks");
                    }
                    // A task exits under a name this client registered, when it has one; else under any.
                    String name = operation.equals("unregister") && !registered.isEmpty()
                            ? registered.get(random.nextInt(registered.size())) : "svc" + (1 + random.nextInt(NAMES));
                    openLock = name;
                    KvOp op = operation.equals("register") ? KvOp.register(name)
                            : operation.equals("unregister") ? KvOp.unregister(name) : KvOp.whereis(name);
                    return new ClientCall(new Request(requestId, op), pair(name, operation.equals("whereis") ? null : node.name()));
                }
                case "acquire" -> {
                    openLock = "l" + (1 + random.nextInt(LOCKS));
                    return new ClientCall(new Request(requestId, KvOp.acquire(openLock, LEASE_MICROS)), pair(openLock, null));
                }
                case "write" -> {
                    openLock = held.isEmpty() ? "l" + (1 + random.nextInt(LOCKS)) : held.keySet().iterator().next();
                    long token = held.getOrDefault(openLock, 0L);
                    String resource = "r" + openLock.substring(1);
                    String value = value(random);
                    return new ClientCall(new Request(requestId, KvOp.fencedPut(resource, value, token)),
                            pair(openLock, Arrays.asList(token, value)));
                }
                case "release" -> {
                    openLock = held.isEmpty() ? "l" + (1 + random.nextInt(LOCKS)) : held.keySet().iterator().next();
                    long token = held.getOrDefault(openLock, 0L);
                    return new ClientCall(new Request(requestId, KvOp.release(openLock, token)), pair(openLock, token));
                }
                default -> {
                    return KvClient.this.call(operation, requestId, random);
                }
            }
        }

        @Override
        public void abandon(long requestId) {
            if (requestId == openRequest) {
                openRequest = -1;
                openOperation = null;
            }
        }

        @Override
        public ClientReply reply(Message message) {
            ClientReply reply = KvClient.this.reply(message);
            if (reply == null || openOperation == null || reply.requestId() != openRequest) {
                return reply;   // a late answer to an operation given up on: the client ignores it
            }
            if (openOperation.equals("acquire") && message instanceof Reply r) {
                Long token = r.applied() && r.value() != null ? Long.valueOf(r.value()) : null;
                if (token != null) {
                    held.put(openLock, token);
                }
                return new ClientReply(r.requestId(), r.applied(), pair(openLock, token));
            }
            if (openOperation.equals("table-read") && message instanceof Reply r) {
                // [row [value staleness]], the staleness null when the node could not tell.
                Long stale = r.staleMicros() < 0 ? null : r.staleMicros();
                return new ClientReply(r.requestId(), true, pair(r.key(), Arrays.asList(r.value(), stale)));
            }
            if (openOperation.equals("register") && message instanceof Reply r) {
                if (r.applied()) {
                    registered.add(openLock);
                }
                // [name holder]: the task registered, or on a fail whoever held the name (null: none said).
                return new ClientReply(r.requestId(), r.applied(), pair(r.key(), r.value()));
            }
            if (openOperation.equals("unregister") && message instanceof Reply r) {
                registered.remove(openLock);   // gone either way: unregistered, or no longer this node's
                return new ClientReply(r.requestId(), r.applied(), pair(r.key(), node.name()));
            }
            if (openOperation.equals("release")) {
                held.remove(openLock);   // released, or no longer ours: either way the token is spent
            }
            return reply;
        }
    }

    /** Rows of two metadata tables, {@code nodes} and {@code config}, three rows each. */
    private static String tableKey(RandomSource random) {
        return (random.nextInt(2) == 0 ? "nodes/" : "config/") + "row" + (1 + random.nextInt(3));
    }

    /** Mostly wide-ranged values; one in four is 1 or 2, so cas has something to match. */
    private static String value(RandomSource random) {
        return Long.toString(random.nextInt(4) == 0 ? random.nextLong(1, 2) : random.nextLong(3, VALUES));
    }

    private static List<Object> pair(String key, Object value) {
        return Arrays.asList(key, value);
    }
}
