package io.mycel.node.pubsub.auth;

import io.mycel.node.api.ProgramConfig;
import java.nio.file.Path;

/**
 * The mqtt program's {@code acl-file} option, shared by the built-in plugins: each client's rules
 * from the file, or every topic allowed when no file is given.
 */
public final class ClientAcls {

    /** The option naming the file. */
    public static final String OPTION = "acl-file";

    private final AclFile file;

    private ClientAcls(AclFile file) {
        this.file = file;
    }

    public static ClientAcls from(ProgramConfig config) {
        String path = config.string(OPTION);
        return new ClientAcls(path.isEmpty() ? null : AclFile.read(Path.of(path)));
    }

    /** @param username null for a client that gave none */
    public TopicAcl forClient(String username, String clientId) {
        return file == null ? TopicAcl.ALLOW_ALL : file.forClient(username, clientId);
    }

    public boolean configured() {
        return file != null;
    }
}
