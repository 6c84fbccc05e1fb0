package io.mycel.node.mesh;

import io.mycel.node.api.ClientAdapter;
import io.mycel.node.api.ClientCall;
import io.mycel.node.api.ClientReply;
import io.mycel.node.api.Message;
import io.mycel.node.api.RandomSource;
import io.mycel.node.store.StoreMessages;
import java.util.List;

/**
 * Client side of the mesh store, on one key. Arguments are whole numbers: {@code add} draws
 * 1..{@value #MAX_ADD} (a counter's delta, or a set's element: few elements, so adds and removes of
 * the same element meet often), {@code remove} an element the same way, {@code write} 1..{@value #MAX_WRITE}.
 */
final class MeshClient implements ClientAdapter {

    static final String KEY = "k";
    static final int MAX_ADD = 5;
    static final int MAX_WRITE = 1000;

    @Override
    public List<String> operations() {
        return List.of("add", "remove", "write", "read");
    }

    @Override
    public String readOperation() {
        return "read";
    }

    @Override
    public ClientCall call(String operation, long requestId, RandomSource random) {
        return switch (operation) {
            case "add" -> update(requestId, StoreMessages.Op.ADD, random.nextLong(1, MAX_ADD));
            case "remove" -> update(requestId, StoreMessages.Op.REMOVE, random.nextLong(1, MAX_ADD));
            case "write" -> update(requestId, StoreMessages.Op.WRITE, random.nextLong(1, MAX_WRITE));
            case "read" -> new ClientCall(new StoreMessages.Read(requestId, KEY), null);
            default -> throw new IllegalArgumentException("the mesh store has no operation " + operation);
        };
    }

    private static ClientCall update(long requestId, StoreMessages.Op op, long argument) {
        return new ClientCall(new StoreMessages.Update(requestId, op, KEY, argument), argument);
    }

    @Override
    public ClientReply reply(Message message) {
        if (message instanceof StoreMessages.UpdateOk ok) {
            return new ClientReply(ok.requestId(), true, null);
        }
        if (message instanceof StoreMessages.UpdateFailed failed) {
            return new ClientReply(failed.requestId(), false, null);
        }
        if (message instanceof StoreMessages.ReadOk ok) {
            return new ClientReply(ok.requestId(), true, ok.value());
        }
        return null;
    }
}
