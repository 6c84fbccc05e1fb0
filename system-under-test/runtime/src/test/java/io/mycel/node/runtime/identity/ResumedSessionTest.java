package io.mycel.node.runtime.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.NodeId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A link dialled again resumes its TLS session: no certificate crosses and the trust manager is not
 * asked. What the handshake proved is then checked again by the authority as it is now, so a
 * resumed session does not outlive a key the operator dropped from the authority's set.
 */
class ResumedSessionTest {

    private static final NodeId N1 = NodeId.of("n1");
    private static final NodeId N2 = NodeId.of("n2");

    @TempDir
    Path dir;

    private NodeIdentity identity(NodeTokens authority, NodeId id) throws Exception {
        Path key = dir.resolve(id.name() + "-key.jwk");
        Path token = dir.resolve(id.name() + ".token");
        Files.writeString(token, authority.issue(NodeTokens.DEFAULT_ISSUER, id, NodeKey.loadOrCreate(key).publicJwk(), Instant.now(),
                Duration.ofHours(1)));
        Path keys = dir.resolve(id.name() + "-authority.jwks");
        Files.copy(authority.publicKeys(), keys);
        return NodeIdentity.open(id, Set.of(N1, N2), new NodeIdentity.Config(key, token, keys, NodeTokens.DEFAULT_ISSUER),
                () -> System.currentTimeMillis() * 1000);
    }

    @Test
    void aResumedSessionIsHeldToTheAuthorityAsItIsNow() throws Exception {
        NodeTokens authority = NodeTokens.init(dir.resolve("ca"));
        NodeIdentity n1 = identity(authority, N1);
        NodeIdentity n2 = identity(authority, N2);

        LoopbackHandshake full = new LoopbackHandshake(n2, n1, N1).run();
        assertTrue(full.flights().get(1).bytes() > 1_000, "n1's certificate crossed: " + full.flights());
        assertEquals(N2, n1.proven(full.server().getSession(), null).node());
        assertEquals(N1, n2.proven(full.client().getSession(), N1).node());
        assertThrows(IdentityException.class, () -> n2.proven(full.client().getSession(), N2), "n1's token is not n2's");

        LoopbackHandshake resumed = new LoopbackHandshake(n2, n1, N1).run();
        assertTrue(resumed.flights().get(1).bytes() < 500, "no certificate crossed: " + resumed.flights());
        assertEquals(N2, n1.proven(resumed.server().getSession(), null).node());

        // The operator replaces n1's trusted keys with another authority's: n2's token no longer holds.
        Path n1Keys = dir.resolve("n1-authority.jwks");
        Files.copy(NodeTokens.init(dir.resolve("other-ca")).publicKeys(), n1Keys, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(n1Keys, FileTime.from(Instant.now().plusSeconds(60)));
        LoopbackHandshake again = new LoopbackHandshake(n2, n1, N1).run();
        assertTrue(again.flights().get(1).bytes() < 500, "the session was resumed, so no trust manager judged it: "
                + again.flights());
        IdentityException refused = assertThrows(IdentityException.class, () -> n1.proven(again.server().getSession(), null));
        assertTrue(refused.getMessage().startsWith("token refused"), refused.getMessage());
    }
}
