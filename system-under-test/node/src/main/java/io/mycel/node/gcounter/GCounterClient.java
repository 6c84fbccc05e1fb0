package io.mycel.node.gcounter;

import io.mycel.node.api.ClientAdapter;
import io.mycel.node.api.ClientCall;
import io.mycel.node.api.ClientReply;
import io.mycel.node.api.Message;
import io.mycel.node.api.RandomSource;
import io.mycel.node.gcounter.GCounterMessages.Add;
import io.mycel.node.gcounter.GCounterMessages.AddOk;
import io.mycel.node.gcounter.GCounterMessages.Read;
import io.mycel.node.gcounter.GCounterMessages.ReadOk;
import java.util.List;

/** Client side: {@code add} draws a delta in 1..{@value #MAX_DELTA}; {@code read} returns the value. */
final class GCounterClient implements ClientAdapter {

    static final int MAX_DELTA = 5;

    @Override
    public List<String> operations() {
        return List.of("add", "read");
    }

    @Override
    public String readOperation() {
        return "read";
    }

    @Override
    public ClientCall call(String operation, long requestId, RandomSource random) {
        return switch (operation) {
            case "add" -> {
                long delta = random.nextLong(1, MAX_DELTA);
                yield new ClientCall(new Add(requestId, delta), delta);
            }
            case "read" -> new ClientCall(new Read(requestId), null);
            default -> throw new IllegalArgumentException("g-counter has no operation " + operation);
        };
    }

    @Override
    public ClientReply reply(Message message) {
        if (message instanceof AddOk ok) {
            return new ClientReply(ok.requestId(), true, null);
        }
        if (message instanceof ReadOk ok) {
            return new ClientReply(ok.requestId(), true, ok.value());
        }
        return null;
    }
}
