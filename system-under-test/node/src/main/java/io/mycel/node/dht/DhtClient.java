package io.mycel.node.dht;

import io.mycel.node.api.ClientAdapter;
import io.mycel.node.api.ClientCall;
import io.mycel.node.api.ClientReply;
import io.mycel.node.api.Message;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.RandomSource;
import java.util.List;

/**
 * Client side of the {@code dht} program.
 * <ul>
 *   <li>{@code lookup}: the node looks for a configured node drawn by position; the history records
 *       {@code [target, found]} or {@code [target, missing]}.</li>
 *   <li>{@code announce}: the node becomes a provider of a service drawn from s1..s{@value #SERVICES};
 *       the value is the service.</li>
 *   <li>{@code find}: the node looks for the providers of a drawn service; invoked with the
 *       service, completed with the sorted provider names.</li>
 * </ul>
 * An announce is answered once the record reached at least one of the closest nodes; one that
 * reached none is left unanswered and times out as indeterminate (the node will publish it again).
 */
public final class DhtClient implements ClientAdapter {

    public static final String LOOKUP = "lookup";
    public static final String ANNOUNCE = "announce";
    public static final String FIND = "find";
    static final int SERVICES = 8;

    @Override
    public List<String> operations() {
        return List.of(LOOKUP, ANNOUNCE, FIND);
    }

    @Override
    public String readOperation() {
        return FIND;
    }

    @Override
    public ClientCall call(String operation, long requestId, RandomSource random) {
        return switch (operation) {
            case LOOKUP -> new ClientCall(new DhtMessages.Lookup(requestId, random.nextLong(0, Integer.MAX_VALUE)), null);
            case ANNOUNCE -> {
                String service = service(random);
                yield new ClientCall(new DhtMessages.Announce(requestId, service), service);
            }
            case FIND -> {
                String service = service(random);
                yield new ClientCall(new DhtMessages.Find(requestId, service), service);
            }
            default -> throw new IllegalArgumentException("the DHT has no operation " + operation);
        };
    }

    private static String service(RandomSource random) {
        return "s" + random.nextLong(1, SERVICES);
    }

    @Override
    public ClientReply reply(Message message) {
        if (message instanceof DhtMessages.LookupOk ok) {
            return new ClientReply(ok.requestId(), true, List.of(ok.target().name(), ok.found() ? "found" : "missing"));
        }
        if (message instanceof DhtMessages.AnnounceOk ok) {
            return new ClientReply(ok.requestId(), true, null);
        }
        if (message instanceof DhtMessages.FindOk ok) {
            return new ClientReply(ok.requestId(), true, ok.providers().stream().map(NodeId::name).toList());
        }
        return null;
    }
}
