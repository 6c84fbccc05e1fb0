package io.mycel.node.mesh;

import io.mycel.node.api.ClientAdapter;
import io.mycel.node.api.ClientCall;
import io.mycel.node.api.ClientReply;
import io.mycel.node.api.Message;
import io.mycel.node.api.RandomSource;
import io.mycel.node.presence.PresenceMessages;
import java.util.List;

/**
 * Client side of presence. {@code join} and {@code leave} draw a user from u1..u{@value #USERS}
 * (few users, so joins and leaves of the same user at a node meet often); the history value of
 * both is the user, and of {@code who} the sorted {@code user@node} list.
 */
final class PresenceClient implements ClientAdapter {

    static final int USERS = 4;

    @Override
    public List<String> operations() {
        return List.of("join", "leave", "who");
    }

    @Override
    public String readOperation() {
        return "who";
    }

    @Override
    public ClientCall call(String operation, long requestId, RandomSource random) {
        String user = "u" + random.nextLong(1, USERS);
        return switch (operation) {
            case "join" -> new ClientCall(new PresenceMessages.Join(requestId, user, "m" + random.nextInt(100)), user);
            case "leave" -> new ClientCall(new PresenceMessages.Leave(requestId, user), user);
            case "who" -> new ClientCall(new PresenceMessages.Who(requestId), null);
            default -> throw new IllegalArgumentException("presence has no operation " + operation);
        };
    }

    @Override
    public ClientReply reply(Message message) {
        if (message instanceof PresenceMessages.JoinOk ok) {
            return new ClientReply(ok.requestId(), true, null);
        }
        if (message instanceof PresenceMessages.LeaveOk ok) {
            return new ClientReply(ok.requestId(), true, null);
        }
        if (message instanceof PresenceMessages.WhoOk ok) {
            return new ClientReply(ok.requestId(), true, ok.online());
        }
        return null;
    }
}
