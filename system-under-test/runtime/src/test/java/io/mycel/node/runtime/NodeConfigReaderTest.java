package io.mycel.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.NodeId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigReaderTest {

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("node.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsAWholeConfigAndLeavesPeerNamesForConnectTime() throws IOException {
        NodeConfig config = NodeConfigReader.read(write("""
                id: n2
                listen: 127.0.0.12:7400
                program: gcounter
                config: {gossip-interval: 50ms}
                members:
                  n1: pi-kitchen.local:7400
                  n2: 127.0.0.12:7400
                data: /tmp/n2
                seed: 9
                """));
        assertEquals(NodeId.of("n2"), config.id());
        assertEquals(List.of(NodeId.of("n1"), NodeId.of("n2")), config.memberIds());
        assertTrue(config.members().get(NodeId.of("n1")).isUnresolved(), "a peer's name is resolved when connecting");
        assertEquals("50ms", config.options().get("gossip-interval"));
        assertEquals(9, config.seed());
        assertEquals(1, config.peers().size());
    }

    @Test
    void mqttOverTlsNeedsAnAddressACertificateAndAKey() throws IOException {
        NodeConfig config = NodeConfigReader.read(write("""
                id: n1
                listen: 127.0.0.11:7400
                program: mqtt
                members: {n1: 127.0.0.11:7400}
                data: /tmp/n1
                mqtt-tls: {listen: 127.0.0.11:8883, cert: /etc/mycel/broker.pem, key: /etc/mycel/broker-key.pem}
                """));
        assertEquals(8883, config.mqttTls().listen().getPort());
        assertEquals(Path.of("/etc/mycel/broker-key.pem"), config.mqttTls().key());
        Path file = write("""
                id: n1
                listen: 127.0.0.11:7400
                program: gcounter
                members: {n1: 127.0.0.11:7400}
                data: /tmp/n1
                mqtt-tls: {listen: 127.0.0.11:8883, certificate: broker.pem}
                """);
        String message = assertThrows(IllegalArgumentException.class, () -> NodeConfigReader.read(file)).getMessage();
        assertTrue(message.contains(file + ":6: expected one of listen, cert, key; got 'certificate'"), message);
        assertTrue(message.contains(file + ":6: missing field 'mqtt-tls.key': expected its private key, a PEM (PKCS#8) file"), message);
        assertTrue(message.contains("no mqtt listener for program gcounter"), message);
    }

    @Test
    void everyMistakeIsReportedWithItsLine() throws IOException {
        Path file = write("""
                id: n1
                listen: 127.0.0.11:99999
                program: gcounter
                colour: blue
                members:
                  n2: 127.0.0.12:7400
                seed: many
                """);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> NodeConfigReader.read(file));
        String message = error.getMessage();
        assertTrue(message.contains(file + ":2: expected a port from 0 to 65535, got 99999"), message);
        assertTrue(message.contains(file + ":4: expected unknown field 'colour'"), message);
        assertTrue(message.contains(":6: expected the members to include this node, n1") || message.contains("include this node, n1"), message);
        assertTrue(message.contains(file + ":7: expected an integer seed, got 'many'"), message);
        assertTrue(message.contains("missing field 'data'"), message);
    }
}
