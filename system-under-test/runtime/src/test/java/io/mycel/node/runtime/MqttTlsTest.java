package io.mycel.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.NodeId;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * MQTT over TLS ({@code mqtt-tls:} in node.yaml): Paho clients connect with {@code ssl://} to the
 * broker's certificate and meet the plain listener's clients on one broker; a plain client on the
 * TLS port, or a TLS client that does not trust the certificate, is refused and counted, and the
 * broker carries on.
 */
@Timeout(60)
class MqttTlsTest {

    @TempDir
    Path data;

    private RealNode node;
    private final List<MqttClient> clients = new java.util.ArrayList<>();

    @AfterEach
    void stop() throws MqttException {
        for (MqttClient c : clients) {
            if (c.isConnected()) {
                c.disconnect(500);
            }
            c.close(true);
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void pahoOverTlsMeetsPlainClientsAndWrongClientsAreRefused() throws Exception {
        SelfSignedCertificate cert = new SelfSignedCertificate("mycel-broker");
        NodeId id = NodeId.of("n1");
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        NodeConfig config = new NodeConfig(Path.of("tls-test.yaml"), id, any, "mqtt", Map.of(), Map.of(id, any), data, 1, null,
                null, any, null, new NodeConfig.MqttTls(any, cert.certificate().toPath(), cert.privateKey().toPath()));
        node = RealNode.start(config, new ByteArrayOutputStream(), (endpoint, error) -> { });
        String tls = "ssl://127.0.0.1:" + node.mqttTlsAddress().getPort();
        String plain = "tcp://127.0.0.1:" + node.mqttAddress().getPort();

        LinkedBlockingQueue<String> atPlain = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<String> atSecure = new LinkedBlockingQueue<>();
        MqttClient plainClient = client(plain, "plain", null);
        plainClient.subscribe("from-secure/#", 1, (topic, m) -> atPlain.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8)));
        MqttClient secure = client(tls, "secure", trusting(cert));
        secure.subscribe("from-plain/#", 1, (topic, m) -> atSecure.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8)));

        secure.publish("from-secure/a", "over tls".getBytes(StandardCharsets.UTF_8), 1, false);
        plainClient.publish("from-plain/b", "in the clear".getBytes(StandardCharsets.UTF_8), 1, false);
        assertEquals("from-secure/a over tls", atPlain.poll(10, TimeUnit.SECONDS));
        assertEquals("from-plain/b in the clear", atSecure.poll(10, TimeUnit.SECONDS));

        // Plain MQTT on the TLS port, and TLS that does not trust the broker's certificate: refused.
        assertThrows(MqttException.class, () -> client("tcp://127.0.0.1:" + node.mqttTlsAddress().getPort(), "clear", null));
        SelfSignedCertificate other = new SelfSignedCertificate("someone-else");
        assertThrows(MqttException.class, () -> client(tls, "distrustful", trusting(other)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (node.metrics().rejectedCount("mqtt-tls-handshake") < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(2, node.metrics().rejectedCount("mqtt-tls-handshake"));

        secure.publish("from-secure/c", "still here".getBytes(StandardCharsets.UTF_8), 1, false);
        assertEquals("from-secure/c still here", atPlain.poll(10, TimeUnit.SECONDS));
        assertTrue(secure.isConnected() && plainClient.isConnected());
    }

    @Test
    void aCertificateTheNodeCannotUseStopsItWithTheFileNamed() throws Exception {
        SelfSignedCertificate cert = new SelfSignedCertificate("mycel-broker");
        NodeId id = NodeId.of("n1");
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        Path missing = data.resolve("no-such-key.pem");
        NodeConfig config = new NodeConfig(Path.of("tls-test.yaml"), id, any, "mqtt", Map.of(), Map.of(id, any), data, 1, null,
                null, null, null, new NodeConfig.MqttTls(any, cert.certificate().toPath(), missing));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RealNode.start(config, new ByteArrayOutputStream(), (endpoint, error) -> { }));
        assertTrue(e.getMessage().startsWith("tls-test.yaml: mqtt-tls: cannot use the certificate ") && e.getMessage().contains(
                "no-such-key.pem"), e.getMessage());
    }

    private MqttClient client(String uri, String id, SSLContext tls) throws MqttException {
        MqttClient c = new MqttClient(uri, id, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setConnectionTimeout(5);
        if (tls != null) {
            o.setSocketFactory(tls.getSocketFactory());
            o.setHttpsHostnameVerificationEnabled(false);   // the test's certificate names no host
        }
        c.connect(o);
        clients.add(c);
        return c;
    }

    /** A TLS context that trusts {@code cert} alone. */
    private static SSLContext trusting(SelfSignedCertificate cert) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("broker", cert.cert());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
