package io.mycel.node.runtime.identity;

import io.mycel.node.api.NodeId;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate a node shows in its TLS handshakes: self-signed with its own key, carrying its
 * node token in an extension. TLS proves the peer holds the certificate's private key; the token
 * inside says the authority vouches that this key is that node's. No certificate authority and no
 * host names are involved: trust is the token's alone ({@link TokenTrustManager}).
 */
public final class IdentityCertificate {

    /** The extension holding the token: an OID under 2.25 (a UUID, needing no registration). */
    static final ASN1ObjectIdentifier TOKEN_EXTENSION = new ASN1ObjectIdentifier("2.25.219584725462128155906542406963545218651");

    private IdentityCertificate() {
    }

    public static X509Certificate make(NodeId node, KeyPair keys, String token, Instant now) {
        try {
            X500Name name = new X500Name("CN=" + node.name());
            // The certificate's own dates are wide: the token's window is the one that counts.
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(3650, ChronoUnit.DAYS)), name, keys.getPublic());
            builder.addExtension(TOKEN_EXTENSION, false, new DERUTF8String(token));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        } catch (OperatorCreationException | CertificateException | java.io.IOException e) {
            throw new IllegalStateException("cannot make the node's certificate", e);
        }
    }

    /** The token a peer's certificate carries. */
    static String tokenOf(X509Certificate cert) throws IdentityException {
        byte[] ext = cert.getExtensionValue(TOKEN_EXTENSION.getId());
        if (ext == null) {
            throw new IdentityException("the certificate carries no node token");
        }
        try {
            return DERUTF8String.getInstance(ASN1OctetString.getInstance(ext).getOctets()).getString();
        } catch (IllegalArgumentException e) {
            throw new IdentityException("the certificate's node token is malformed", e);
        }
    }
}
