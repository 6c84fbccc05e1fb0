package io.mycel.node.runtime.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import io.mycel.node.api.NodeId;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLSession;
import java.text.ParseException;
import java.time.Instant;
import java.util.Set;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLException;

/**
 * A real node's identity on its links: its key, its token from the cluster authority, and the
 * authority's public keys. Every link between nodes is TLS 1.3 with both sides authenticated: each
 * shows a self-signed certificate carrying its token ({@link IdentityCertificate}) and checks the
 * other's ({@link TokenTrustManager}), so a node that cannot prove its identity cannot exchange a
 * single protocol message, and what travels is encrypted. A replayed handshake fails as TLS makes
 * every handshake fail that is not made afresh with the private key.
 *
 * <p>The token file and the authority's keys are read again when they change (the operator renews
 * tokens before they expire, and gives nodes the new key set after a rotation, without restarting
 * anything); links made from then on use them. The
 * node's own token is checked at start like a peer's, so a wrong token, key or issuer stops the
 * node with the reason rather than leaving it unable to talk.
 */
public final class NodeIdentity {

    /** What node.yaml's {@code identity:} says. */
    public record Config(Path key, Path token, Path authority, String issuer) {
    }

    /** How far clocks may disagree when a token's window is judged. */
    static final long LEEWAY_MICROS = 30_000_000L;

    private final NodeId self;
    private final NodeKey key;
    private final Path tokenFile;
    private final Config config;
    private final Set<NodeId> members;
    private volatile NodeTokenVerifier verifier;
    private final LongSupplier clockMicros;
    private final TokenTrustManager trust;
    private FileTime tokenTime;
    private FileTime authorityTime;
    private SslContext server;
    private SslContext client;

    private NodeIdentity(NodeId self, Set<NodeId> members, Config config, LongSupplier clockMicros) {
        this.self = self;
        this.members = Set.copyOf(members);
        this.config = config;
        this.key = NodeKey.loadOrCreate(config.key());
        this.tokenFile = config.token();
        this.clockMicros = clockMicros;
        this.trust = new TokenTrustManager(() -> verifier, clockMicros);
    }

    /**
     * @param clockMicros the node's clock (microseconds since the Unix epoch), by which tokens are judged
     * @throws IllegalArgumentException when a file is missing or the node's own token does not hold
     */
    public static NodeIdentity open(NodeId self, Set<NodeId> members, Config config, LongSupplier clockMicros) {
        NodeIdentity identity = new NodeIdentity(self, members, config, clockMicros);
        identity.readAuthority();
        identity.reload();
        return identity;
    }

    /** The node's clock, by which tokens are judged. */
    public long nowMicros() {
        return clockMicros.getAsLong();
    }

    public NodeKey key() {
        return key;
    }

    /** The handler for a link this node makes to {@code to}: only {@code to}'s token will do. */
    public synchronized SslHandler clientHandler(ByteBufAllocator alloc, NodeId to) {
        reloadIfChanged();
        return client.newHandler(alloc, to.name(), 0);
    }

    /** The handler for a link another node makes to this one. */
    public synchronized SslHandler serverHandler(ByteBufAllocator alloc) {
        reloadIfChanged();
        return server.newHandler(alloc);
    }

    /**
     * The node a finished handshake proved, and until when (node time, microseconds) its token holds,
     * checked again by the authority, issuer, members and clock as they are now. A full handshake
     * was checked in the trust manager already; a resumed one (TLS 1.3 resumption sends and checks no
     * certificate) was not, so without this a session could outlive a key dropped from the
     * authority's set or a token's window.
     *
     * @param expected the node meant, for the side that dialled; null for the side that answered
     */
    public NodeTokenVerifier.Verified proven(SSLSession session, NodeId expected) throws IdentityException {
        java.security.cert.Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            throw new IdentityException("no proven peer: " + e.getMessage(), e);
        }
        X509Certificate[] x509 = new X509Certificate[chain.length];
        for (int i = 0; i < chain.length; i++) {
            if (!(chain[i] instanceof X509Certificate c)) {
                throw new IdentityException("not an X.509 certificate: " + chain[i].getType());
            }
            x509[i] = c;
        }
        return trust.verified(x509, expected);
    }

    private void readAuthority() {
        try {
            FileTime time = Files.getLastModifiedTime(config.authority());
            JWKSet authority = JwkFiles.readSet(config.authority());
            verifier = new NodeTokenVerifier(authority, config.issuer(), members, LEEWAY_MICROS);
            authorityTime = time;
        } catch (IOException e) {
            throw new IllegalArgumentException(config.authority() + ": cannot read the authority's keys (" + e.getMessage() + ")", e);
        }
    }

    private void reloadIfChanged() {
        try {
            if (!Files.getLastModifiedTime(config.authority()).equals(authorityTime)) {
                readAuthority();
            }
            if (!Files.getLastModifiedTime(tokenFile).equals(tokenTime)) {
                reload();
            }
        } catch (IOException | IllegalArgumentException e) {
            // Keep showing the token in hand: a renewal half-written or gone is no reason to stop.
        }
    }

    private void reload() {
        String token;
        FileTime time;
        try {
            time = Files.getLastModifiedTime(tokenFile);
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException(tokenFile + ": cannot read the node token (" + e.getMessage() + ")", e);
        }
        try {
            verifier.verify(token, self, key.jwk().toECPublicKey(), clockMicros.getAsLong());
        } catch (IdentityException e) {
            throw new IllegalArgumentException(tokenFile + ": this node's own token does not hold: " + e.getMessage(), e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        try {
            KeyPair pair = key.jwk().toKeyPair();
            X509Certificate cert = IdentityCertificate.make(self, pair, token, Instant.ofEpochMilli(clockMicros.getAsLong() / 1000));
            server = SslContextBuilder.forServer(pair.getPrivate(), cert).sslProvider(SslProvider.JDK).protocols("TLSv1.3")
                    .clientAuth(ClientAuth.REQUIRE).trustManager(trust).build();
            client = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols("TLSv1.3")
                    .keyManager(pair.getPrivate(), cert).trustManager(trust).build();
            tokenTime = time;
        } catch (JOSEException | SSLException e) {
            throw new IllegalStateException("cannot set up TLS with the node's key", e);
        }
    }
}
