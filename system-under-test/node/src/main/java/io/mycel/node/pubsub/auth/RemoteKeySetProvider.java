package io.mycel.node.pubsub.auth;

/**
 * Opens key sets that live behind a URL: a JWKS URL, or an OpenID Connect issuer's discovery
 * document. Node code does no network I/O, so the node runtime provides this (as a service in
 * {@code META-INF/services}); without it, only JWKS files can be used.
 */
public interface RemoteKeySetProvider {

    /**
     * @param issuer the issuer tokens name
     * @param jwksUrl the JWKS URL, or null to find it in the issuer's discovery document
     * @throws IllegalArgumentException when the keys cannot be reached or read
     */
    KeySetSource open(String issuer, String jwksUrl);
}
