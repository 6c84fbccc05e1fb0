package io.mycel.node.pubsub.auth;

import io.mycel.node.api.ConfigOption;
import io.mycel.node.api.ProgramConfig;
import java.util.List;

/**
 * The default: every client gets in, under the user name it gave (unchecked), with the ACL file's
 * rules for that name when an {@code acl-file} is given.
 */
public final class AnonymousAuth implements MqttAuthPlugin {

    @Override
    public String name() {
        return "anonymous";
    }

    @Override
    public String description() {
        return "every client gets in; its user name is taken on trust";
    }

    @Override
    public List<ConfigOption> options() {
        return List.of();
    }

    @Override
    public MqttAuthenticator create(ProgramConfig config) {
        ClientAcls acls = ClientAcls.from(config);
        if (!acls.configured()) {
            return MqttAuthenticator.ANONYMOUS;
        }
        return (c, now) -> AuthResult.allow(new Principal(c.username() == null ? "" : c.username(),
                acls.forClient(c.username(), c.clientId())));
    }
}
