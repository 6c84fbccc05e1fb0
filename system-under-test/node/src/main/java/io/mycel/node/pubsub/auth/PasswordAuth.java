package io.mycel.node.pubsub.auth;

import io.mycel.node.api.ConfigOption;
import io.mycel.node.api.ProgramConfig;
import io.mycel.node.pubsub.ReasonCode;
import java.nio.file.Path;
import java.util.List;

/**
 * Clients prove who they are with a user name and password, checked against a password file in
 * Mosquitto's format ({@link PasswordFile}); what they may do is the {@code acl-file}'s rules for
 * that user. A client that gives no user name gets in only with {@code allow-anonymous: true}.
 */
public final class PasswordAuth implements MqttAuthPlugin {

    @Override
    public String name() {
        return "password";
    }

    @Override
    public String description() {
        return "user name and password, from a password file as mosquitto_passwd writes it";
    }

    @Override
    public List<ConfigOption> options() {
        return List.of(ConfigOption.text("password-file", "", "auth: password: the file of users and password hashes (mosquitto_passwd's format)"),
                new ConfigOption("allow-anonymous", ConfigOption.Kind.BOOLEAN, "false", List.of(), null,
                        "auth: password: whether a client without a user name gets in (with the ACL file's anonymous rules)"));
    }

    @Override
    public MqttAuthenticator create(ProgramConfig config) {
        String path = config.string("password-file");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("auth: password needs password-file");
        }
        PasswordFile passwords = PasswordFile.read(Path.of(path));
        ClientAcls acls = ClientAcls.from(config);
        boolean allowAnonymous = config.bool("allow-anonymous");
        return (c, now) -> {
            if (c.username() == null) {
                return allowAnonymous ? AuthResult.allow(new Principal("", acls.forClient(null, c.clientId())))
                        : new AuthResult.Refused(ReasonCode.NOT_AUTHORIZED, "no user name");
            }
            if (!passwords.verify(c.username(), c.password())) {
                return new AuthResult.Refused(ReasonCode.BAD_USERNAME_OR_PASSWORD, "wrong password or unknown user '" + c.username() + "'");
            }
            return AuthResult.allow(new Principal(c.username(), acls.forClient(c.username(), c.clientId())));
        };
    }
}
