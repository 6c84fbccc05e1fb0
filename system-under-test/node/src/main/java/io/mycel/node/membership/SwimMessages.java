package io.mycel.node.membership;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeId;
import java.util.List;

/** The messages of SWIM, each carrying membership updates piggybacked on the probe traffic. */
public final class SwimMessages {

    private SwimMessages() {
    }

    /** Every SWIM message carries updates; the probe messages are all there is. */
    public sealed interface SwimMessage extends Message permits Ping, PingReq, Ack {

        List<Update> updates();
    }

    /** One piece of membership news: {@code node} is in {@code state} at {@code incarnation}. */
    public record Update(MemberState state, NodeId node, long incarnation) {
    }

    /** A direct probe; the receiver answers with an {@link Ack} of the same sequence number. */
    public record Ping(long seq, List<Update> updates) implements SwimMessage {
        public Ping {
            updates = List.copyOf(updates);
        }
    }

    /** Asks the receiver to probe {@code target} and forward its ack (indirect probe). */
    public record PingReq(long seq, NodeId target, List<Update> updates) implements SwimMessage {
        public PingReq {
            updates = List.copyOf(updates);
        }
    }

    public record Ack(long seq, List<Update> updates) implements SwimMessage {
        public Ack {
            updates = List.copyOf(updates);
        }
    }
}
