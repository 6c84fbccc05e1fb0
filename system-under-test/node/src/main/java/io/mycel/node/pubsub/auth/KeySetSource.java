package io.mycel.node.pubsub.auth;

import com.nimbusds.jose.jwk.JWKSet;

/**
 * Where the keys that sign client tokens come from. The broker reads {@link #current} on its event
 * loop, so it must answer from memory; a source that fetches keys over the network does so on its
 * own thread (in the node runtime, not in node code).
 */
public interface KeySetSource {

    JWKSet current();

    /**
     * A token named a key {@link #current} does not hold: a remote source fetches the set again in
     * the background (the issuer may have rotated its keys), and the token is refused meanwhile.
     * Never blocks.
     */
    default void missing(String keyId) {
    }
}
