package io.mycel.node.kv;

import io.mycel.node.api.ClientAdapter;
import io.mycel.node.api.ClientCall;
import io.mycel.node.api.ClientReply;
import io.mycel.node.api.Message;
import io.mycel.node.api.RandomSource;
import io.mycel.node.kv.KvMessages.Reply;
import io.mycel.node.kv.KvMessages.Request;
import java.util.Arrays;
import java.util.List;

/**
 * Client side of {@code raft-kv}, recorded in the independent-key form the {@code kv} model reads:
 * every value is a pair {@code [key value]}; a cas carries {@code [key [expected new]]}. Keys are
 * drawn from {@value #KEYS} so operations contend; values from a wide range, so a read names the
 * write it saw.
 */
final class KvClient implements ClientAdapter {

    static final int KEYS = 5;
    static final long VALUES = 1_000_000;

    @Override
    public List<String> operations() {
        return List.of("get", "put", "cas", "delete");
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
            default -> throw new IllegalArgumentException("raft-kv has no operation " + operation);
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

    /** Mostly wide-ranged values; one in four is 1 or 2, so cas has something to match. */
    private static String value(RandomSource random) {
        return Long.toString(random.nextInt(4) == 0 ? random.nextLong(1, 2) : random.nextLong(3, VALUES));
    }

    private static List<Object> pair(String key, Object value) {
        return Arrays.asList(key, value);
    }
}
