package io.mycel.node.runtime.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * A node's own key pair (ECDSA on P-256), made on the node the first time it is needed and kept in
 * a file only its owner can read: the private key never leaves the node. The cluster authority
 * vouches for the public key in the node's token ({@link NodeTokens}), bound by its RFC 7638
 * thumbprint.
 */
public final class NodeKey {

    private final ECKey key;

    private NodeKey(ECKey key) {
        this.key = key;
    }

    /** Reads the key in {@code file}, making and saving one first when there is none. */
    public static NodeKey loadOrCreate(Path file) {
        if (!Files.exists(file)) {
            try {
                JwkFiles.write(file, new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate().toJSONString(), true);
            } catch (JOSEException e) {
                throw new IllegalStateException("the JDK cannot make P-256 keys", e);
            }
        }
        JWK jwk = JwkFiles.readKey(file);
        if (!(jwk instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || !ec.isPrivate()) {
            throw new IllegalArgumentException(file + ": expected a private P-256 key (a node key as 'mycel ca' or the node makes it)");
        }
        return new NodeKey(ec);
    }

    public ECKey jwk() {
        return key;
    }

    public ECKey publicJwk() {
        return key.toPublicJWK();
    }

    /** The public key's RFC 7638 thumbprint (SHA-256, Base64URL): what a node token's {@code cnf.jkt} names. */
    public String thumbprint() {
        return thumbprint(publicJwk());
    }

    static String thumbprint(JWK key) {
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }

    static String thumbprint(PublicKey key) throws IdentityException {
        if (!(key instanceof java.security.interfaces.ECPublicKey ec)) {
            throw new IdentityException("the peer's key is not an EC key");
        }
        return thumbprint(new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build());
    }
}
