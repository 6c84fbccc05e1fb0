package io.mycel.node.runtime.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.mycel.node.api.NodeId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The cluster authority, kept in a directory on the operator's machine: its signing key
 * ({@code authority-key.jwk}, ES256, private) and its public keys ({@code authority.jwks}, which
 * every node is given). It issues node tokens: JWTs typed {@code mycel-node+jwt}, naming the node
 * ({@code sub}), the authority ({@code iss}), the audience {@code mycel-node}, a validity window and
 * the thumbprint of the node's public key ({@code cnf.jkt}, RFC 7800), so a token is worth nothing
 * without the node's private key. Rotation makes a new signing key and keeps the old public ones
 * in the set, so tokens signed before keep working until they expire.
 */
public final class NodeTokens {

    public static final JOSEObjectType TYPE = new JOSEObjectType("mycel-node+jwt");
    public static final String AUDIENCE = "mycel-node";
    public static final String DEFAULT_ISSUER = "mycel-mesh";

    private final Path dir;

    private NodeTokens(Path dir) {
        this.dir = dir;
    }

    /** Makes a new authority in {@code dir}; refuses to overwrite one. */
    public static NodeTokens init(Path dir) {
        if (Files.exists(dir.resolve("authority-key.jwk"))) {
            throw new IllegalArgumentException(dir + " holds an authority already; 'mycel ca rotate' makes a new key");
        }
        NodeTokens ca = new NodeTokens(dir);
        ca.newSigningKey(List.of());
        return ca;
    }

    public static NodeTokens open(Path dir) {
        if (!Files.exists(dir.resolve("authority-key.jwk"))) {
            throw new IllegalArgumentException(dir + ": no authority here; 'mycel ca init " + dir + "' makes one");
        }
        return new NodeTokens(dir);
    }

    public Path publicKeys() {
        return dir.resolve("authority.jwks");
    }

    /** A new signing key; the old public keys stay in the set. */
    public void rotate() {
        newSigningKey(JwkFiles.readSet(publicKeys()).getKeys());
    }

    private void newSigningKey(List<JWK> keep) {
        try {
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
            List<JWK> all = new ArrayList<>(keep);
            all.add(key.toPublicJWK());
            // The public set first: a node must never see a token signed by a key it cannot know.
            JwkFiles.write(publicKeys(), new JWKSet(all).toString(), false);
            JwkFiles.write(dir.resolve("authority-key.jwk"), key.toJSONString(), true);
        } catch (JOSEException e) {
            throw new IllegalStateException("the JDK cannot make P-256 keys", e);
        }
    }

    /** A token for {@code node}, whose public key is {@code nodeKey}, valid from {@code now} for {@code validity}. */
    public String issue(String issuer, NodeId node, JWK nodeKey, Instant now, Duration validity) {
        ECKey signing = (ECKey) JwkFiles.readKey(dir.resolve("authority-key.jwk"));
        return sign(signing, issuer, node, NodeKey.thumbprint(nodeKey.toPublicJWK()), now, validity);
    }

    static String sign(ECKey signing, String issuer, NodeId node, String thumbprint, Instant now, Duration validity) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject(node.name()).audience(AUDIENCE)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(validity)))
                .jwtID(UUID.randomUUID().toString()).claim("cnf", Map.of("jkt", thumbprint)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signing.getKeyID()).type(TYPE).build(), claims);
        try {
            jwt.sign(new ECDSASigner(signing));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with the authority's key", e);
        }
        return jwt.serialize();
    }
}
