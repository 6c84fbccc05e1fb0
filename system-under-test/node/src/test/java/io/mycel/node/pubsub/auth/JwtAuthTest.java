package io.mycel.node.pubsub.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.mycel.node.api.ProgramConfig;
import io.mycel.node.pubsub.MqttProgram;
import io.mycel.node.pubsub.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jwt plugin against tokens made here with Nimbus: a good token gets in as its subject until it
 * expires; forged signatures, tampered claims, a wrong issuer or audience, expired and not-yet-valid
 * tokens, unsecured ({@code alg: none}) tokens, HMAC tokens keyed with the public key, unknown keys
 * and tokens without an expiry are refused. Time is the node's, given to each check: 2027-01-15.
 */
class JwtAuthTest {

    private static final long NOW_SECONDS = 1_800_000_000L;
    private static final long NOW = NOW_SECONDS * 1_000_000L;
    private static final String ISSUER = "https://id.example.test/realms/mesh";

    private static RSAKey rsa;
    private static ECKey ec;
    private static RSAKey impostor;
    private static MqttAuthenticator auth;

    @TempDir
    static Path dir;

    @BeforeAll
    static void keys() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        impostor = new RSAKeyGenerator(2048).keyID("rsa-1").generate();   // same key id, other key
        Path jwks = dir.resolve("keys.json");
        Files.writeString(jwks, new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString());
        auth = authenticator(Map.of("auth", "jwt", "jwt-issuer", ISSUER, "jwt-keys", jwks.toString(), "jwt-audience", "mycel"));
    }

    static MqttAuthenticator authenticator(Map<String, String> options) {
        MqttProgram program = new MqttProgram();
        ProgramConfig config = ProgramConfig.of(program.options(), options);
        String problem = program.problemWith(config);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return AuthPlugins.named(config.string("auth")).create(config);
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("sensor-7").audience("mycel")
                .issueTime(new Date((NOW_SECONDS - 60) * 1000)).expirationTime(new Date((NOW_SECONDS + 3600) * 1000));
    }

    private static String rs256(JWTClaimsSet claims, RSAKey key) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String es256(JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(ec));
        return jwt.serialize();
    }

    private static AuthResult check(String token) {
        return auth.authenticate(new Credentials("c1", "whoever", token.getBytes(StandardCharsets.UTF_8), 5), NOW);
    }

    private static void refused(String token, String why) {
        AuthResult r = check(token);
        AuthResult.Refused refused = assertInstanceOf(AuthResult.Refused.class, r, "should be refused: " + why);
        assertEquals(ReasonCode.BAD_USERNAME_OR_PASSWORD, refused.reasonCode());
        assertTrue(refused.why().contains(why), "'" + refused.why() + "' should say " + why);
    }

    private static JWTClaimsSet with(Consumer<JWTClaimsSet.Builder> change) {
        JWTClaimsSet.Builder b = claims();
        change.accept(b);
        return b.build();
    }

    @Test
    void aGoodTokenGetsInAsItsSubjectUntilItExpires() throws Exception {
        for (String token : List.of(rs256(claims().build(), rsa), es256(claims().build()))) {
            AuthResult.Allowed ok = assertInstanceOf(AuthResult.Allowed.class, check(token));
            assertEquals("sensor-7", ok.principal().name(), "the subject, not the user name the client sent");
            assertEquals((NOW_SECONDS + 3600 + 30) * 1_000_000L, ok.validUntilMicros(), "expiry plus the 30 s leeway");
            assertTrue(ok.principal().acl().mayPublish("anything"), "no acl claim and no ACL file: every topic");
        }
        assertInstanceOf(AuthResult.Allowed.class, check(rs256(with(b -> b.expirationTime(new Date((NOW_SECONDS - 20) * 1000))), rsa)),
                "expired 20 s ago is within the leeway");
    }

    @Test
    void forgedTamperedAndMisdirectedTokensAreRefused() throws Exception {
        refused(rs256(claims().build(), impostor), "Signed JWT rejected: Invalid signature");
        String good = rs256(claims().build(), rsa);
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + Base64URL.encode(with(b -> b.subject("admin")).toString()) + "." + parts[2];
        refused(tampered, "Invalid signature");
        refused(rs256(with(b -> b.issuer("https://evil.example.test")), rsa), "issuer 'https://evil.example.test' is not");
        refused(rs256(with(b -> b.audience("other-service")), rsa), "audience [other-service] does not name 'mycel'");
        refused(rs256(with(b -> b.expirationTime(new Date((NOW_SECONDS - 31) * 1000))), rsa), "expired at");
        refused(rs256(with(b -> b.notBeforeTime(new Date((NOW_SECONDS + 31) * 1000))), rsa), "not valid before");
        refused(rs256(with(b -> b.expirationTime(null)), rsa), "no expiry");
        refused(rs256(with(b -> b.subject(null)), rsa), "no identity in claim 'sub'");
        RSAKey unknown = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
        refused(rs256(claims().build(), unknown), "Signed JWT rejected: Another algorithm expected, or no matching key(s) found");
        refused("not.a.token", "not a JWT");
    }

    @Test
    void unsecuredTokensAndHmacTokensKeyedWithThePublicKeyAreRefused() throws Exception {
        refused(new PlainJWT(claims().build()).serialize(), "Unsecured (plain) JWTs are rejected");
        // The classic confusion: HS256 with the issuer's public key as the shared secret.
        SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims().build());
        hs.sign(new MACSigner(rsa.toPublicJWK().toRSAPublicKey().getEncoded()));
        refused(hs.serialize(), "Another algorithm expected, or no matching key(s) found");
    }

    @Test
    void anAclClaimGivesTheClientsTopicRules() throws Exception {
        String token = rs256(with(b -> b.claim("acl", Map.of("pub", List.of("sensors/7/#"), "sub", List.of("cmd/7/+")))), rsa);
        AuthResult.Allowed ok = assertInstanceOf(AuthResult.Allowed.class, check(token));
        assertTrue(ok.principal().acl().mayPublish("sensors/7/temp"));
        assertTrue(!ok.principal().acl().mayPublish("sensors/8/temp"));
        assertTrue(ok.principal().acl().maySubscribe("cmd/7/reboot"));
        assertTrue(!ok.principal().acl().maySubscribe("cmd/#"));
        AuthResult bad = check(rs256(with(b -> b.claim("acl", Map.of("write", List.of("x")))), rsa));
        assertEquals(ReasonCode.NOT_AUTHORIZED, assertInstanceOf(AuthResult.Refused.class, bad).reasonCode());
    }

    @Test
    void misconfigurationIsReportedBeforeAnythingRuns() {
        assertEquals("auth: jwt needs jwt-issuer", message(Map.of("auth", "jwt")));
        assertTrue(message(Map.of("auth", "jwt", "jwt-issuer", "mesh-ca")).startsWith("auth: jwt needs jwt-keys"));
        assertTrue(message(Map.of("auth", "jwt", "jwt-issuer", "x", "jwt-keys", "/nonexistent/keys.json"))
                .startsWith("/nonexistent/keys.json: cannot read the JWKS file"));
        assertTrue(message(Map.of("auth", "jwt", "jwt-issuer", "x", "jwt-keys", dir.resolve("keys.json").toString(),
                "jwt-algorithms", "RS256,HS256")).startsWith("jwt-algorithms: one or more of RS256"));
        assertEquals("auth: password needs password-file", message(Map.of("auth", "password")));
    }

    private static String message(Map<String, String> options) {
        try {
            authenticator(options);
            return "no problem";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
