package io.mycel.node.pubsub.auth;

import java.util.Arrays;

/**
 * What a client offered in its CONNECT.
 *
 * @param username null when the client sent none
 * @param password null when the client sent none (a JWT, for the jwt plugin)
 * @param protocolVersion 4 for MQTT 3.1.1, 5 for MQTT 5
 */
public record Credentials(String clientId, String username, byte[] password, int protocolVersion) {

    public Credentials {
        password = password == null ? null : password.clone();
    }

    @Override
    public byte[] password() {
        return password == null ? null : password.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials c && c.clientId.equals(clientId) && java.util.Objects.equals(c.username, username)
                && Arrays.equals(c.password, password) && c.protocolVersion == protocolVersion;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(clientId, username, Arrays.hashCode(password), protocolVersion);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "Credentials[clientId=" + clientId + ", username=" + username + ", password=" + (password == null ? "none" : "given")
                + ", v" + protocolVersion + "]";
    }
}
