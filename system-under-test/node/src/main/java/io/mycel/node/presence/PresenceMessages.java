package io.mycel.node.presence;

import io.mycel.node.api.Message;
import java.util.List;

/** The presence service's client requests and replies. Tables travel as overlay broadcasts. */
public final class PresenceMessages {

    private PresenceMessages() {
    }

    public sealed interface PresenceMessage extends Message permits Join, JoinOk, Leave, LeaveOk, Who, WhoOk {
    }

    /** {@code user} is online at the receiving node, with {@code meta} (a status, a device). */
    public record Join(long requestId, String user, String meta) implements PresenceMessage {
    }

    public record JoinOk(long requestId) implements PresenceMessage {
    }

    /** {@code user} went offline at the receiving node. */
    public record Leave(long requestId, String user) implements PresenceMessage {
    }

    public record LeaveOk(long requestId) implements PresenceMessage {
    }

    /** Who is online, as this node sees it. */
    public record Who(long requestId) implements PresenceMessage {
    }

    /** @param online {@code user@node} for every presence the node sees, sorted */
    public record WhoOk(long requestId, List<String> online) implements PresenceMessage {
        public WhoOk {
            online = List.copyOf(online);
        }
    }
}
