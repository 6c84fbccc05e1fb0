package io.mycel.node.pubsub.auth;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Iterator;
import java.util.ServiceLoader;

/** Opens the key source the jwt plugin's options name: a JWKS file here, anything behind a URL through the runtime. */
final class KeySources {

    private KeySources() {
    }

    static KeySetSource open(String issuer, String keys) {
        if (!keys.isEmpty() && !remote(keys)) {
            JWKSet set = file(keys);
            return () -> set;
        }
        if (keys.isEmpty() && !remote(issuer)) {
            throw new IllegalArgumentException("auth: jwt needs jwt-keys (a JWKS file or URL) unless jwt-issuer is an http(s) URL"
                    + " whose OpenID Connect discovery document gives them; jwt-issuer is '" + issuer + "'");
        }
        Iterator<RemoteKeySetProvider> providers = ServiceLoader.load(RemoteKeySetProvider.class, KeySources.class.getClassLoader())
                .iterator();
        if (!providers.hasNext()) {
            throw new IllegalArgumentException("auth: jwt: keys from " + (keys.isEmpty() ? issuer : keys)
                    + " are fetched by the node runtime, which is not here; give jwt-keys as a JWKS file");
        }
        return providers.next().open(issuer, keys.isEmpty() ? null : keys);
    }

    private static boolean remote(String location) {
        return location.startsWith("https://") || location.startsWith("http://");
    }

    private static JWKSet file(String path) {
        try {
            return JWKSet.load(Path.of(path).toFile()).toPublicJWKSet();   // never keep a private key the file may hold
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": cannot read the JWKS file (" + e.getMessage() + ")", e);
        } catch (ParseException e) {
            throw new IllegalArgumentException(path + ": expected a JSON Web Key Set ({\"keys\": [...]}): " + e.getMessage(), e);
        }
    }
}
