package io.mycel.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Auth plugins on a real node with Paho clients: user names and passwords from a mosquitto_passwd
 * file with topic rules from an ACL file, over MQTT 3.1.1 and 5; and tokens from a local OpenID
 * Connect issuer the test runs (discovery document and JWKS over HTTP), through a key rotation.
 */
@Timeout(60)
class MqttAuthInteropTest {

    /** Written by mosquitto_passwd 2.0.11: alice's password is "wonderland", bob's "s3cret!". */
    private static final List<String> PASSWORDS = List.of(
            "alice:$7$101$3UPA1yCG+0e9hEOP$6oQpm8buQ9LC2oiDrdSD4O3iYR2vaIJf1D7CQi/f+GgI2S3yLWOHA23KUWjC6TcJsz2434hlOO9lDAhR51wc9Q==",
            "bob:$7$101$xEqv8+J0b+Kkj3WR$m3h1BanR3alLaRVkzU7bHCdjmuLdT/CAWsBfVOFa5deBW7lmBQX0dTOCGY6Z67jqK3XRaQfJxm/1ta2DC1DYDQ==");

    @TempDir
    Path dir;

    @Test
    void passwordsAndTopicRulesHoldForPahoClientsOfBothVersions() throws Exception {
        Path passwd = Files.write(dir.resolve("mqtt.passwd"), PASSWORDS);
        Path acl = Files.write(dir.resolve("mqtt.acl"), List.of("user alice", "topic read sensors/#", "topic readwrite alice/#",
                "user bob", "topic write sensors/bob/#"));
        try (MqttTestNode broker = new MqttTestNode(dir.resolve("data"), Map.of("auth", "password", "password-file", passwd.toString(),
                "acl-file", acl.toString()))) {
            MqttSecurityException refused = assertThrows(MqttSecurityException.class, () -> v3(broker, "b", "bob", "wrong"));
            assertEquals(MqttSecurityException.REASON_CODE_FAILED_AUTHENTICATION, refused.getReasonCode());
            MqttException refused5 = assertThrows(MqttException.class, () -> v5(broker, "a", "alice", "s3cret!"));
            assertEquals(0x86, refused5.getReasonCode(), "MQTT 5: bad user name or password");

            var alice = v5(broker, "a", "alice", "wonderland");
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            IMqttToken sub = alice.subscribe(new MqttSubscription[] {new MqttSubscription("sensors/#", 1), new MqttSubscription("#", 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
                        (t, m) -> got.add(t + "=" + new String(m.getPayload(), StandardCharsets.UTF_8)),
                        (t, m) -> got.add(t + "=" + new String(m.getPayload(), StandardCharsets.UTF_8))});
            assertEquals(List.of(1, 0x87), List.of(sub.getReasonCodes()[0], sub.getReasonCodes()[1]), "# is not alice's to read");

            MqttClient bob = v3(broker, "b", "bob", "s3cret!");
            bob.publish("sensors/alice/temp", "forged".getBytes(StandardCharsets.UTF_8), 1, false);   // not bob's: acknowledged, dropped
            bob.publish("sensors/bob/temp", "21".getBytes(StandardCharsets.UTF_8), 1, false);
            assertEquals("sensors/bob/temp=21", got.poll(10, TimeUnit.SECONDS), "the refused publish, sent first, never came");

            var aliceAsync = new org.eclipse.paho.mqttv5.client.MqttAsyncClient(broker.uri(), "a2",
                    new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setUserName("alice");
            o.setPassword("wonderland".getBytes(StandardCharsets.UTF_8));
            aliceAsync.connect(o).waitForCompletion(10_000);
            IMqttToken denied = aliceAsync.publish("sensors/bob/temp", new MqttMessage("x".getBytes(StandardCharsets.UTF_8), 1, false, null));
            denied.waitForCompletion(10_000);
            assertEquals(0x87, denied.getReasonCodes()[0], "MQTT 5: the PUBACK says not authorized");
            IMqttToken allowed = aliceAsync.publish("alice/notes", new MqttMessage("y".getBytes(StandardCharsets.UTF_8), 1, false, null));
            allowed.waitForCompletion(10_000);
            assertEquals(0x10, allowed.getReasonCodes()[0], "allowed; nobody subscribed");
            aliceAsync.disconnect().waitForCompletion(10_000);
            aliceAsync.close();
            bob.disconnect();
            alice.disconnect();
        }
    }

    @Test
    void tokensFromAnOpenIdConnectIssuerAreCheckedAndItsNewKeysFetchedWhenItRotates() throws Exception {
        ECKey first = new ECKeyGenerator(Curve.P_256).keyID("2026-11").generate();
        ECKey second = new ECKeyGenerator(Curve.P_256).keyID("2026-12").generate();
        AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(first.toPublicJWK()));
        AtomicInteger keyFetches = new AtomicInteger();
        HttpServer issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String url = "http://127.0.0.1:" + issuer.getAddress().getPort() + "/realms/mesh";
        issuer.createContext("/realms/mesh/.well-known/openid-configuration", ex -> answer(ex,
                "{\"issuer\":\"" + url + "\",\"jwks_uri\":\"" + url + "/keys\",\"id_token_signing_alg_values_supported\":[\"ES256\"]}"));
        issuer.createContext("/realms/mesh/keys", ex -> {
            keyFetches.incrementAndGet();
            answer(ex, published.get().toString());
        });
        issuer.start();
        Duration before = OidcKeySets.minRefetch;
        OidcKeySets.minRefetch = Duration.ofMillis(200);
        try (MqttTestNode broker = new MqttTestNode(dir.resolve("data"), Map.of("auth", "jwt", "jwt-issuer", url, "jwt-audience", "mycel",
                "jwt-algorithms", "ES256"))) {
            assertEquals(1, keyFetches.get(), "the keys were fetched once, at start");
            var device = v5(broker, "dev", "anything", token(url, first, "sensor-7", 3600));
            device.disconnect();
            ECKey impostor = new ECKeyGenerator(Curve.P_256).keyID("2026-11").generate();
            MqttException forged = assertThrows(MqttException.class, () -> v5(broker, "dev", "x", token(url, impostor, "sensor-7", 3600)));
            assertEquals(0x86, forged.getReasonCode());
            MqttException expired = assertThrows(MqttException.class, () -> v5(broker, "dev", "x", token(url, first, "sensor-7", -120)));
            assertEquals(0x86, expired.getReasonCode());

            // The issuer rotates: it publishes a second key and signs with it. The node fetches
            // the keys again when a token names a key it does not hold.
            published.set(new JWKSet(List.of(first.toPublicJWK(), second.toPublicJWK())));
            String rotated = token(url, second, "sensor-7", 3600);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            org.eclipse.paho.mqttv5.client.MqttClient back = null;
            while (back == null) {
                try {
                    back = v5(broker, "dev", "x", rotated);
                } catch (MqttException notYet) {
                    assertEquals(0x86, notYet.getReasonCode());
                    assertTrue(System.nanoTime() < deadline, "the node never fetched the rotated keys");
                    Thread.sleep(100);
                }
            }
            assertTrue(keyFetches.get() >= 2, "fetched again after the rotation");
            back.disconnect();
        } finally {
            OidcKeySets.minRefetch = before;
            issuer.stop(0);
        }
    }

    @Test
    void keysAreNeverFetchedInTheClearFromAnotherHostAndTheDiscoveryDocumentMustNameTheIssuer() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new OidcKeySets().open("http://id.example.test/realms/mesh", null));
        assertTrue(e.getMessage().contains("would travel unencrypted; use https"), e.getMessage());
        HttpServer issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String url = "http://127.0.0.1:" + issuer.getAddress().getPort();
        issuer.createContext("/.well-known/openid-configuration", ex -> answer(ex,
                "{\"issuer\":\"https://elsewhere.example.test\",\"jwks_uri\":\"" + url + "/keys\"}"));
        issuer.start();
        try {
            OidcKeySets.Remote keys = (OidcKeySets.Remote) new OidcKeySets().open(url, null);
            assertTrue(keys.current().getKeys().isEmpty());
            assertTrue(keys.lastProblem().contains("names issuer 'https://elsewhere.example.test', not '" + url + "'"), keys.lastProblem());
        } finally {
            issuer.stop(0);
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange ex, String json) throws java.io.IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    /** A token for {@code subject}, expiring {@code seconds} from now by the wall clock (the real node's clock). */
    private static String token(String issuer, ECKey key, String subject, long seconds) throws JOSEException {
        long now = System.currentTimeMillis();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject(subject).audience("mycel").issueTime(new Date(now))
                .expirationTime(new Date(now + seconds * 1000)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static MqttClient v3(MqttTestNode broker, String id, String user, String password) throws Exception {
        MqttClient c = new MqttClient(broker.uri(), id, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setUserName(user);
        o.setPassword(password.toCharArray());
        o.setAutomaticReconnect(false);
        c.connect(o);
        return c;
    }

    private static org.eclipse.paho.mqttv5.client.MqttClient v5(MqttTestNode broker, String id, String user, String password)
            throws MqttException {
        var c = new org.eclipse.paho.mqttv5.client.MqttClient(broker.uri(), id, new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(user);
        o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        o.setAutomaticReconnect(false);
        try {
            c.connect(o);
        } catch (MqttException e) {
            c.close(true);
            throw e;
        }
        return c;
    }
}
