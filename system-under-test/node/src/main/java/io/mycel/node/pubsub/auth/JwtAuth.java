package io.mycel.node.pubsub.auth;

import io.mycel.node.api.ConfigOption;
import io.mycel.node.api.ProgramConfig;
import java.util.List;

/**
 * Clients prove who they are with a JSON Web Token as their MQTT password, signed by an issuer the
 * broker trusts ({@link JwtVerifier}): the keys come from a JWKS file, a JWKS URL, or the issuer's
 * OpenID Connect discovery document. The token's subject (or the claim {@code jwt-username-claim}
 * names) is the client's identity; the user name the client sends is not trusted. The connection
 * ends when the token expires (MQTT 5's reason 0xA0, maximum connect time). Topic rules come from
 * the token's {@code acl} claim when it has one ({@code {"pub": [...], "sub": [...], "all": [...]}}),
 * else from the {@code acl-file} for that identity, else every topic is allowed.
 */
public final class JwtAuth implements MqttAuthPlugin {

    @Override
    public String name() {
        return "jwt";
    }

    @Override
    public String description() {
        return "a signed JSON Web Token as the password, from a configured issuer (JWKS file or URL, or OpenID Connect discovery)";
    }

    @Override
    public List<ConfigOption> options() {
        return List.of(
                ConfigOption.text("jwt-issuer", "", "auth: jwt: the issuer tokens must name (iss); with no jwt-keys, an OpenID Connect"
                        + " issuer whose discovery document gives the keys"),
                ConfigOption.text("jwt-keys", "", "auth: jwt: a JWKS file, or an http(s) URL of one (the node refetches it for a key it"
                        + " does not know)"),
                ConfigOption.text("jwt-audience", "", "auth: jwt: the audience tokens must name (aud), or empty for any"),
                ConfigOption.text("jwt-username-claim", "sub", "auth: jwt: the claim that names the client"),
                ConfigOption.text("jwt-algorithms", "RS256,ES256", "auth: jwt: the signature algorithms accepted (RS*, PS*, ES*)"),
                ConfigOption.duration("jwt-leeway", "30s", "0s", "auth: jwt: how far clocks may disagree when judging exp and nbf"));
    }

    @Override
    public MqttAuthenticator create(ProgramConfig config) {
        String issuer = config.string("jwt-issuer");
        if (issuer.isEmpty()) {
            throw new IllegalArgumentException("auth: jwt needs jwt-issuer");
        }
        KeySetSource keys = KeySources.open(issuer, config.string("jwt-keys"));
        String audience = config.string("jwt-audience");
        JwtVerifier verifier = new JwtVerifier(keys, issuer, audience.isEmpty() ? null : audience,
                config.string("jwt-username-claim"), JwtVerifier.algorithms(config.string("jwt-algorithms")),
                config.durationMicros("jwt-leeway"));
        ClientAcls acls = ClientAcls.from(config);
        return (credentials, nowMicros) -> verifier.authenticate(credentials, nowMicros, acls);
    }
}
