package io.mycel.node.pubsub.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.mycel.node.pubsub.ReasonCode;
import io.mycel.node.pubsub.auth.TopicAcl.Access;
import io.mycel.node.pubsub.auth.TopicAcl.Rule;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a client's token: a JWS (never an unsecured JWT: Nimbus refuses {@code alg: none}) signed
 * with one of the accepted algorithms by a key of the issuer's set, naming the issuer, the audience
 * when one is configured, an expiry, and the client's identity. Times are judged by the node's clock
 * (given with each check), never the wall clock: Nimbus's own claims check, which reads the wall
 * clock, is replaced by {@link #checkClaims}.
 */
final class JwtVerifier {

    /** The node's time for one check, handed to the claims check through Nimbus's security context. */
    private record NodeTime(long nowMicros) implements SecurityContext {
    }

    private static final Set<JWSAlgorithm> ACCEPTABLE = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private final DefaultJWTProcessor<NodeTime> processor = new DefaultJWTProcessor<>();
    private final String issuer;
    private final String audience;
    private final String usernameClaim;
    private final long leewayMicros;

    JwtVerifier(KeySetSource keys, String issuer, String audience, String usernameClaim, Set<JWSAlgorithm> algorithms,
                long leewayMicros) {
        this.issuer = issuer;
        this.audience = audience;
        this.usernameClaim = usernameClaim;
        this.leewayMicros = leewayMicros;
        JWKSource<NodeTime> source = (selector, context) -> {
            List<JWK> found = selector.select(keys.current());
            if (found.isEmpty()) {
                Set<String> ids = selector.getMatcher().getKeyIDs();
                keys.missing(ids == null || ids.isEmpty() ? null : ids.iterator().next());
            }
            return found;
        };
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, source));
        processor.setJWTClaimsSetVerifier(this::checkClaims);
    }

    /** The accepted algorithms from a comma-separated list such as {@code RS256,ES256}. */
    static Set<JWSAlgorithm> algorithms(String list) {
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        for (String name : list.split(",")) {
            JWSAlgorithm alg = JWSAlgorithm.parse(name.strip());
            if (!ACCEPTABLE.contains(alg)) {
                throw new IllegalArgumentException("jwt-algorithms: one or more of RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384,"
                        + " ES512 (a broker holds no shared secret, so no HS*), got '" + name.strip() + "'");
            }
            algorithms.add(alg);
        }
        return algorithms;
    }

    AuthResult authenticate(Credentials credentials, long nowMicros, ClientAcls acls) {
        byte[] password = credentials.password();
        if (password == null || password.length == 0) {
            return new AuthResult.Refused(ReasonCode.BAD_USERNAME_OR_PASSWORD, "no token in the password");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(new String(password, StandardCharsets.UTF_8), new NodeTime(nowMicros));
        } catch (ParseException e) {
            return new AuthResult.Refused(ReasonCode.BAD_USERNAME_OR_PASSWORD, "the password is not a JWT: " + e.getMessage());
        } catch (BadJOSEException | JOSEException e) {
            return new AuthResult.Refused(ReasonCode.BAD_USERNAME_OR_PASSWORD, "token refused: " + e.getMessage());
        }
        String name = (String) claims.getClaim(usernameClaim);
        TopicAcl acl;
        try {
            Map<String, Object> aclClaim = claims.getJSONObjectClaim("acl");
            acl = aclClaim != null ? fromClaim(aclClaim) : acls.forClient(name, credentials.clientId());
        } catch (ParseException | IllegalArgumentException | ClassCastException e) {
            return new AuthResult.Refused(ReasonCode.NOT_AUTHORIZED, "token's acl claim: " + e.getMessage());
        }
        long validUntil = micros(claims.getExpirationTime()) + leewayMicros;
        return new AuthResult.Allowed(new Principal(name, acl), validUntil);
    }

    private void checkClaims(JWTClaimsSet claims, NodeTime time) throws BadJWTException {
        if (!issuer.equals(claims.getIssuer())) {
            throw new BadJWTException("issuer '" + claims.getIssuer() + "' is not '" + issuer + "'");
        }
        if (audience != null && (claims.getAudience() == null || !claims.getAudience().contains(audience))) {
            throw new BadJWTException("audience " + claims.getAudience() + " does not name '" + audience + "'");
        }
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new BadJWTException("no expiry (exp)");
        }
        if (micros(exp) + leewayMicros <= time.nowMicros()) {
            throw new BadJWTException("expired at " + exp.toInstant());
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && micros(nbf) - leewayMicros > time.nowMicros()) {
            throw new BadJWTException("not valid before " + nbf.toInstant());
        }
        Object name = claims.getClaim(usernameClaim);
        if (!(name instanceof String s) || s.isEmpty()) {
            throw new BadJWTException("no identity in claim '" + usernameClaim + "'");
        }
    }

    private static long micros(Date date) {
        return date.getTime() * 1_000L;
    }

    /** Rules from a claim like EMQX's: {@code {"pub": [...], "sub": [...], "all": [...]}}. */
    private static TopicAcl fromClaim(Map<String, Object> claim) {
        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<String, Object> e : claim.entrySet()) {
            Access access = switch (e.getKey()) {
                case "pub" -> Access.WRITE;
                case "sub" -> Access.READ;
                case "all" -> Access.READWRITE;
                case "deny" -> Access.DENY;
                default -> throw new IllegalArgumentException("expected keys pub, sub, all or deny, got '" + e.getKey() + "'");
            };
            for (Object filter : (List<?>) e.getValue()) {
                rules.add(new Rule(access, (String) filter));
            }
        }
        return new TopicAcl(rules);
    }
}
