package io.mycel.node.pubsub;

import io.mycel.node.api.NodeId;
import io.mycel.node.testing.FakeContext;
import java.util.List;

/**
 * Client connections to one broker under test, without a network: each sends packets to the
 * broker and reads what the broker sent it, through a {@link FakeContext} whose time the test sets.
 */
final class BrokerConnections {

    final FakeContext ctx = new FakeContext(NodeId.of("n1"), List.of(NodeId.of("n1")), 1);
    final MqttBroker broker;
    private int opened;

    BrokerConnections(MqttBroker broker) {
        this.broker = broker;
    }

    Conn open() {
        return new Conn(NodeId.of("c" + (++opened)));
    }

    /** One client connection. */
    final class Conn {
        final NodeId id;
        private int read;

        private Conn(NodeId id) {
            this.id = id;
        }

        void send(MqttPacket p) {
            broker.onMessage(ctx, id, p);
        }

        /** What the broker sent this connection since the last call. */
        List<MqttPacket> got() {
            List<MqttPacket> out = ctx.sent.stream().filter(s -> s.to().equals(id)).map(s -> (MqttPacket) s.message()).toList();
            List<MqttPacket> fresh = out.subList(read, out.size());
            read = out.size();
            return fresh;
        }
    }
}
