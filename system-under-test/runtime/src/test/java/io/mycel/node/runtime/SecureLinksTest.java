package io.mycel.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.SignedJWT;
import io.mycel.node.api.NodeId;
import io.mycel.node.runtime.identity.IdentityCertificate;
import io.mycel.node.runtime.identity.NodeIdentity;
import io.mycel.node.runtime.identity.NodeKey;
import io.mycel.node.runtime.identity.NodeTokens;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real nodes with identities: their links are TLS 1.3 and they gossip; a peer that cannot prove it
 * is a member never gets a frame in. An impostor (a raw TLS client holding its own key) tries forged
 * signatures, a wrong issuer, expired and not-yet-valid tokens, an unsecured ({@code alg: none})
 * token, another node's token, a non-member's token and a token of the wrong type; and a recording
 * of a member's successful handshake is replayed. Each is refused in the handshake and counted.
 */
@Timeout(60)
class SecureLinksTest {

    private static final NodeId N1 = NodeId.of("n1");
    private static final NodeId N2 = NodeId.of("n2");
    private static final NodeId N3 = NodeId.of("n3");

    @TempDir
    Path dir;

    private final Map<NodeId, InetSocketAddress> members = new LinkedHashMap<>();
    private final Map<NodeId, ByteArrayOutputStream> logs = new LinkedHashMap<>();
    private final List<RealNode> running = new ArrayList<>();
    private NodeTokens authority;

    @BeforeEach
    void authority() throws IOException {
        authority = NodeTokens.init(dir.resolve("ca"));
        for (NodeId id : List.of(N1, N2, N3)) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                members.put(id, new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort()));
            }
        }
    }

    @AfterEach
    void stop() {
        running.forEach(RealNode::close);
    }

    private Path keyFile(NodeId id) {
        return dir.resolve(id.name()).resolve("node-key.jwk");
    }

    private Path token(NodeId id) throws IOException {
        NodeKey key = NodeKey.loadOrCreate(keyFile(id));
        Path file = dir.resolve(id.name() + ".token");
        Files.writeString(file, authority.issue(NodeTokens.DEFAULT_ISSUER, id, key.publicJwk(), Instant.now(), Duration.ofHours(1)));
        return file;
    }

    private RealNode start(NodeId id) throws IOException {
        NodeIdentity.Config identity = new NodeIdentity.Config(keyFile(id), token(id), authority.publicKeys(), NodeTokens.DEFAULT_ISSUER);
        NodeConfig config = new NodeConfig(Path.of(id + ".yaml"), id, members.get(id), "gcounter", Map.of("gossip-interval", "50ms"),
                members, dir.resolve(id.name()), 1, null, null, null, identity);
        ByteArrayOutputStream log = logs.computeIfAbsent(id, k -> new ByteArrayOutputStream());
        RealNode node = RealNode.start(config, log, (endpoint, error) -> { });
        running.add(node);
        return node;
    }

    private String log(NodeId id) {
        synchronized (logs.get(id)) {
            return logs.get(id).toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void membersWithTokensGossipOverTlsAndImpostorsNeverGetIn() throws Exception {
        RealNode n1 = start(N1);
        RealNode n2 = start(N2);
        await(() -> n1.metrics().framesReceived(), 5);
        await(() -> n2.metrics().framesReceived(), 5);
        assertEquals(0, n1.metrics().rejectedCount("bad-identity"));

        ECKey impostor = new ECKeyGenerator(Curve.P_256).generate();
        ECKey otherAuthority = new ECKeyGenerator(Curve.P_256).keyID(authorityKeyId()).generate();
        Map<String, String> attempts = new LinkedHashMap<>();
        attempts.put(signed(otherAuthority, claims(N3, impostor), NodeTokens.TYPE), "Invalid signature");
        attempts.put(signed(ownAuthority(), with(claims(N3, impostor), b -> b.issuer("someone-else")), NodeTokens.TYPE),
                "issuer 'someone-else' is not 'mycel-mesh'");
        attempts.put(signed(ownAuthority(), with(claims(N3, impostor), b -> b.expirationTime(ago(120))), NodeTokens.TYPE), "expired at");
        attempts.put(signed(ownAuthority(), with(claims(N3, impostor), b -> b.notBeforeTime(ago(-120))), NodeTokens.TYPE),
                "not valid before");
        // Typed as a node token, so that the refusal is for having no signature at all.
        attempts.put(new PlainJWT(new PlainHeader.Builder().type(NodeTokens.TYPE).build(), claims(N3, impostor).build()).serialize(),
                "Unsecured (plain) JWTs are rejected");
        attempts.put(Files.readString(dir.resolve("n2.token")), "bound to another key than the one presented");
        attempts.put(signed(ownAuthority(), claims(NodeId.of("n9"), impostor), NodeTokens.TYPE), "'n9' is not a member");
        attempts.put(signed(ownAuthority(), claims(N3, impostor), JOSEObjectType.JWT), "JOSE header typ (type) JWT not allowed");
        int refused = 0;
        for (Map.Entry<String, String> attempt : attempts.entrySet()) {
            String why = attempt.getValue();
            NodeId claimed = why.contains("another key") ? N2 : why.contains("n9") ? NodeId.of("n9") : N3;
            assertThrows(IOException.class, () -> impostorSession(impostor, claimed, attempt.getKey(), n1.address()), why);
            refused++;
            int expected = refused;
            await(() -> n1.metrics().rejectedCount("bad-identity"), expected);
            assertTrue(log(N1).contains(why), "n1's log should say " + why + ":\n" + log(N1));
        }

        // A genuine n3 (its own key, a good token) gets in: the refusals above were about identity.
        ECKey n3Key = NodeKey.loadOrCreate(keyFile(N3)).jwk();
        String n3Token = Files.readString(token(N3)).strip();
        long before = n1.metrics().framesReceived();
        byte[] recorded = recordedSession(n3Key, N3, n3Token, n1.address());
        await(() -> n1.metrics().framesReceived() - before, 1);

        // A member proves who it is and then claims to be another in its hello: refused.
        assertThrows(IOException.class, () -> impostorSession(n3Key, N3, n3Token, n1.address(), N2));
        await(() -> n1.metrics().rejectedCount("identity-mismatch"), 1);

        // Its handshake, replayed byte for byte on a new connection, fails: the server's fresh
        // randomness makes every recorded proof worthless.
        long rejectedBefore = n1.metrics().rejectedCount("bad-identity");
        try (Socket replay = new Socket(n1.address().getAddress(), n1.address().getPort())) {
            replay.setSoTimeout(5_000);
            replay.getOutputStream().write(recorded);
            replay.getOutputStream().flush();
            drain(replay.getInputStream());
        }
        await(() -> n1.metrics().rejectedCount("bad-identity") - rejectedBefore, 1);
    }

    @Test
    void aNodeWhoseOwnTokenDoesNotHoldRefusesToStartAndSaysWhy() throws Exception {
        NodeKey.loadOrCreate(keyFile(N2));
        Path wrong = dir.resolve("n1-with-n2s.token");
        Files.copy(token(N2), wrong);
        NodeIdentity.Config identity = new NodeIdentity.Config(keyFile(N1), wrong, authority.publicKeys(), NodeTokens.DEFAULT_ISSUER);
        NodeConfig config = new NodeConfig(Path.of("n1.yaml"), N1, members.get(N1), "gcounter", Map.of(), members, dir.resolve("n1"), 1,
                null, null, null, identity);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RealNode.start(config, new ByteArrayOutputStream(), (endpoint, error) -> { }));
        assertTrue(e.getMessage().contains("this node's own token does not hold: the token is n2's, and n1 was meant"), e.getMessage());
    }

    @Test
    void afterARotationOldTokensKeepWorkingAndNodesAcceptTokensFromTheNewKey() throws Exception {
        RealNode n1 = start(N1);   // tokens from the first key
        RealNode n2 = start(N2);
        await(() -> n1.metrics().framesReceived(), 3);
        authority.rotate();        // rewrites authority.jwks, which the nodes read again when it changes
        RealNode n3 = start(N3);   // its token is from the second key
        long n1Before = n1.metrics().framesReceived();
        long n3Before = n3.metrics().framesReceived();
        await(() -> n3.metrics().framesReceived() - n3Before, 10);
        await(() -> n1.metrics().framesReceived() - n1Before, 10);
        assertEquals(0, n1.metrics().rejectedCount("bad-identity") + n2.metrics().rejectedCount("bad-identity")
                + n3.metrics().rejectedCount("bad-identity"));
        assertEquals(0, n1.metrics().rejectedCount("peer-identity") + n2.metrics().rejectedCount("peer-identity")
                + n3.metrics().rejectedCount("peer-identity"));
    }

    // --- the impostor's side ---

    private String authorityKeyId() throws IOException {
        return ownAuthority().getKeyID();
    }

    private ECKey ownAuthority() throws IOException {
        try {
            return (ECKey) com.nimbusds.jose.jwk.JWK.parse(Files.readString(dir.resolve("ca/authority-key.jwk")));
        } catch (java.text.ParseException e) {
            throw new IOException(e);
        }
    }

    private static Date ago(long seconds) {
        return new Date(System.currentTimeMillis() - seconds * 1000);
    }

    private static JWTClaimsSet.Builder claims(NodeId node, ECKey key) throws Exception {
        Date now = new Date();
        return new JWTClaimsSet.Builder().issuer(NodeTokens.DEFAULT_ISSUER).subject(node.name()).audience(NodeTokens.AUDIENCE)
                .issueTime(now).notBeforeTime(now).expirationTime(new Date(now.getTime() + 3_600_000)).jwtID(UUID.randomUUID().toString())
                .claim("cnf", Map.of("jkt", key.toPublicJWK().computeThumbprint().toString()));
    }

    private static JWTClaimsSet.Builder with(JWTClaimsSet.Builder b, Consumer<JWTClaimsSet.Builder> change) {
        change.accept(b);
        return b;
    }

    private static String signed(ECKey signer, JWTClaimsSet.Builder claims, JOSEObjectType type) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signer.getKeyID()).type(type).build(), claims.build());
        jwt.sign(new ECDSASigner(signer));
        return jwt.serialize();
    }

    /** A TLS client that shows a certificate for {@code key} carrying {@code token}, trusting any server. */
    private static SSLContext impostorTls(ECKey key, NodeId claimed, String token) throws Exception {
        X509Certificate cert = IdentityCertificate.make(claimed, key.toKeyPair(), token, Instant.now());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("node", key.toPrivateKey(), new char[0], new Certificate[] {cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, new char[0]);
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(kmf.getKeyManagers(), new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return tls;
    }

    /** Connects as {@code claimed}, says hello and sends one empty frame, then reads until the node closes. */
    private static void impostorSession(ECKey key, NodeId claimed, String token, InetSocketAddress node) throws Exception {
        impostorSession(key, claimed, token, node, claimed);
    }

    /** As above, with a hello from {@code helloFrom}, whoever the certificate names. */
    private static void impostorSession(ECKey key, NodeId claimed, String token, InetSocketAddress node, NodeId helloFrom)
            throws Exception {
        try (SSLSocket s = (SSLSocket) impostorTls(key, claimed, token).getSocketFactory().createSocket(node.getAddress(), node.getPort())) {
            s.setSoTimeout(5_000);
            s.startHandshake();
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            frame(out, new Hello(Hello.Role.PEER, helloFrom, N1).encode());
            frame(out, new byte[0]);
            drain(s.getInputStream());
            throw new IOException("closed without a TLS alert");   // refused either way; the counter tells which
        }
    }

    /**
     * A genuine session through a recording relay: handshake, hello, one message frame; returns
     * every byte the client sent.
     */
    private static byte[] recordedSession(ECKey key, NodeId self, String token, InetSocketAddress node) throws Exception {
        ByteArrayOutputStream recorded = new ByteArrayOutputStream();
        try (ServerSocket relay = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread pump = new Thread(() -> {
                try (Socket in = relay.accept(); Socket up = new Socket(node.getAddress(), node.getPort())) {
                    Thread back = new Thread(() -> copy(up, in, null));
                    back.start();
                    copy(in, up, recorded);
                    back.join();
                } catch (IOException | InterruptedException e) {
                    // the session ended
                }
            });
            pump.start();
            try (SSLSocket s = (SSLSocket) impostorTls(key, self, token).getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), relay.getLocalPort())) {
                s.setSoTimeout(5_000);
                s.startHandshake();
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                frame(out, new Hello(Hello.Role.PEER, self, N1).encode());
                // A gcounter gossip frame would need the codec; any frame is counted as received.
                frame(out, new byte[] {0});
                Thread.sleep(500);
            }
            pump.join(5_000);
        }
        synchronized (recorded) {
            return recorded.toByteArray();
        }
    }

    private static void copy(Socket from, Socket to, ByteArrayOutputStream record) {
        byte[] buf = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buf)) > 0; ) {
                if (record != null) {
                    synchronized (record) {
                        record.write(buf, 0, n);
                    }
                }
                out.write(buf, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed
        }
    }

    private static void frame(DataOutputStream out, byte[] payload) throws IOException {
        out.writeInt(payload.length);
        out.write(payload);
        out.flush();
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        while (in.read(buf) >= 0) {
            // until the node closes
        }
    }

    private static void await(LongSupplier count, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (count.getAsLong() < atLeast) {
            assertTrue(System.nanoTime() < deadline, "count stayed at " + count.getAsLong() + ", below " + atLeast);
            Thread.sleep(20);
        }
    }
}
