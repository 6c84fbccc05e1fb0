package io.mycel.node.runtime.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.mycel.node.api.NodeId;
import java.security.PublicKey;
import java.text.ParseException;
import java.util.Date;
import java.util.Map;
import java.util.Set;

/**
 * Checks a peer's node token against the key it proved it holds (in the TLS handshake): an ES256
 * JWS typed {@code mycel-node+jwt} (never {@code alg: none}, never another type of token), signed by
 * a key of the authority's set, from the configured issuer, for the audience {@code mycel-node},
 * within its validity window by this node's clock, naming a member of the cluster, and bound by
 * {@code cnf.jkt} to the presented key. A token copied from another node is useless without that
 * node's private key: presented over another key it is refused.
 */
public final class NodeTokenVerifier {

    /** A peer that proved who it is, and until when its token holds. */
    public record Verified(NodeId node, long expiresMicros) {
    }

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String issuer;
    private final Set<NodeId> members;
    private final long leewayMicros;

    public NodeTokenVerifier(JWKSet authority, String issuer, Set<NodeId> members, long leewayMicros) {
        this.issuer = issuer;
        this.members = Set.copyOf(members);
        this.leewayMicros = leewayMicros;
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(NodeTokens.TYPE));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(authority.toPublicJWKSet())));
        processor.setJWTClaimsSetVerifier(null);   // Nimbus's would read the wall clock; the claims are checked below
    }

    /**
     * @param expected the node the caller meant to reach, or null for any member
     * @param presented the public key the peer proved it holds
     */
    public Verified verify(String token, NodeId expected, PublicKey presented, long nowMicros) throws IdentityException {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new IdentityException("not a JWT: " + e.getMessage(), e);
        } catch (BadJOSEException | JOSEException e) {
            throw new IdentityException("token refused: " + e.getMessage(), e);
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw new IdentityException("issuer '" + claims.getIssuer() + "' is not '" + issuer + "'");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(NodeTokens.AUDIENCE)) {
            throw new IdentityException("audience " + claims.getAudience() + " is not " + NodeTokens.AUDIENCE);
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new IdentityException("no expiry");
        }
        long expMicros = exp.getTime() * 1_000L;
        if (expMicros + leewayMicros <= nowMicros) {
            throw new IdentityException("expired at " + exp.toInstant());
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.getTime() * 1_000L - leewayMicros > nowMicros) {
            throw new IdentityException("not valid before " + nbf.toInstant());
        }
        NodeId node = node(claims.getSubject());
        if (!members.contains(node)) {
            throw new IdentityException("'" + node + "' is not a member of this cluster");
        }
        if (expected != null && !expected.equals(node)) {
            throw new IdentityException("the token is " + node + "'s, and " + expected + " was meant");
        }
        Object cnf = claims.getClaim("cnf");
        Object jkt = cnf instanceof Map<?, ?> m ? m.get("jkt") : null;
        if (!(jkt instanceof String bound)) {
            throw new IdentityException("the token binds no key (cnf.jkt)");
        }
        if (!bound.equals(NodeKey.thumbprint(presented))) {
            throw new IdentityException("the token is bound to another key than the one presented (a copied token)");
        }
        return new Verified(node, expMicros + leewayMicros);
    }

    private static NodeId node(String subject) throws IdentityException {
        try {
            return NodeId.of(subject);
        } catch (RuntimeException e) {
            throw new IdentityException("the token names no node (sub '" + subject + "')", e);
        }
    }
}
