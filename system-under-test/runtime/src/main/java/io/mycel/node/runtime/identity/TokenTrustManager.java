package io.mycel.node.runtime.identity;

import io.mycel.node.api.NodeId;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Decides, inside the TLS handshake, whether the peer is a node of the cluster: its certificate must
 * be one self-signed certificate whose key the node token inside it is bound to, and the token must
 * pass {@link NodeTokenVerifier} by this node's clock. The side that connects names the node it
 * means to reach as the engine's peer host, and only that node's token will do. Anything else fails
 * the handshake, so no byte of the mesh's protocol reaches or leaves an unproven peer.
 */
final class TokenTrustManager extends X509ExtendedTrustManager {

    /** The verifier of the authority's keys as last read: they change when the authority rotates. */
    private final Supplier<NodeTokenVerifier> verifier;
    private final LongSupplier clockMicros;

    TokenTrustManager(Supplier<NodeTokenVerifier> verifier, LongSupplier clockMicros) {
        this.verifier = verifier;
        this.clockMicros = clockMicros;
    }

    /** The proven node behind a peer certificate already checked in the handshake. */
    static NodeId nodeOf(X509Certificate cert) throws IdentityException {
        String cn = cert.getSubjectX500Principal().getName();
        return NodeId.of(cn.startsWith("CN=") ? cn.substring(3) : cn);
    }

    private NodeTokenVerifier.Verified check(X509Certificate[] chain, NodeId expected) throws CertificateException {
        try {
            return verified(chain, expected);
        } catch (IdentityException e) {
            throw new CertificateException(e.getMessage(), e);
        }
    }

    /**
     * The node a peer's certificate chain proves, by the authority, members and clock as they are
     * now: what the handshake checks, and what a resumed session (which skips the trust manager) is
     * checked by again afterwards.
     */
    NodeTokenVerifier.Verified verified(X509Certificate[] chain, NodeId expected) throws IdentityException {
        if (chain == null || chain.length != 1) {
            throw new IdentityException("expected one self-signed node certificate, got " + (chain == null ? 0 : chain.length));
        }
        X509Certificate cert = chain[0];
        try {
            cert.verify(cert.getPublicKey());   // self-signed: proves nothing alone, but a garbled one goes now
        } catch (GeneralSecurityException e) {
            throw new IdentityException("the certificate is not self-signed by its key: " + e.getMessage(), e);
        }
        NodeTokenVerifier.Verified v = verifier.get().verify(IdentityCertificate.tokenOf(cert), expected, cert.getPublicKey(),
                clockMicros.getAsLong());
        if (!v.node().equals(nodeOf(cert))) {
            throw new IdentityException("the certificate names " + nodeOf(cert) + ", its token " + v.node());
        }
        return v;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        String meant = engine == null ? null : engine.getPeerHost();
        check(chain, meant == null ? null : NodeId.of(meant));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("node links are Netty engines, never sockets");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the node a link means to reach must be known");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
