package io.mycel.node.pubsub.auth;

/**
 * An authenticator's answer to a CONNECT: let the client in as a principal, for as long as its
 * credentials are valid, or refuse it with an MQTT reason code and a reason for the node's log
 * (never shown to the client, which learns only the code).
 */
public sealed interface AuthResult {

    /** @param validUntilMicros node time when the connection must end (a token's expiry), or {@link Long#MAX_VALUE} */
    record Allowed(Principal principal, long validUntilMicros) implements AuthResult {
    }

    /** @param reasonCode 0x86 (bad user name or password), 0x87 (not authorized) or 0x8C (bad authentication method) */
    record Refused(int reasonCode, String why) implements AuthResult {
    }

    static AuthResult allow(Principal principal) {
        return new Allowed(principal, Long.MAX_VALUE);
    }
}
