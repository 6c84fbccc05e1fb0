package io.mycel.node.runtime;

import io.mycel.node.api.NodeId;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** One real node running the mqtt program, listening for MQTT clients on a free loopback port. */
final class MqttTestNode implements AutoCloseable {

    final RealNode node;
    final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    MqttTestNode(Path data, Map<String, String> options) {
        NodeId id = NodeId.of("n1");
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        NodeConfig config = new NodeConfig(Path.of("mqtt-test.yaml"), id, any, "mqtt", options, Map.of(id, any), data, 1, null,
                null, any);
        node = RealNode.start(config, log, (endpoint, error) -> failure.set(error));
    }

    /** The URI Paho connects to. */
    String uri() {
        InetSocketAddress a = node.mqttAddress();
        return "tcp://" + a.getHostString() + ":" + a.getPort();
    }

    InetSocketAddress address() {
        return node.mqttAddress();
    }

    String log() {
        synchronized (log) {
            return log.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        node.close();
        if (failure.get() != null) {
            throw new AssertionError("the broker's handler failed", failure.get());
        }
    }
}
