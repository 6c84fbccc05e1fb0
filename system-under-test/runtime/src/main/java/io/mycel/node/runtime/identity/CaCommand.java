package io.mycel.node.runtime.identity;

import com.nimbusds.jose.jwk.JWK;
import io.mycel.node.api.Durations;
import io.mycel.node.api.NodeId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mycel ca}: the cluster authority on the operator's machine. {@code init} makes its key,
 * {@code node-key} makes (or shows) a node's key, {@code issue} signs a node's token, {@code rotate}
 * starts signing with a new key while the old tokens keep working until they expire.
 */
@Command(name = "ca", mixinStandardHelpOptions = true,
        description = "The cluster authority: node keys and the tokens that let nodes into the mesh.",
        subcommands = {CaCommand.Init.class, CaCommand.NodeKeyCommand.class, CaCommand.Issue.class, CaCommand.Rotate.class})
public final class CaCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println("mycel ca init DIR | node-key FILE | issue DIR --node ID --key FILE --out FILE | rotate DIR");
        return 0;
    }

    @Command(name = "init", mixinStandardHelpOptions = true, description = "Makes an authority: DIR/authority-key.jwk (private) and"
            + " DIR/authority.jwks (public, for every node).")
    static final class Init implements Callable<Integer> {
        @Parameters(paramLabel = "DIR")
        Path dir;

        @Override
        public Integer call() {
            NodeTokens ca = NodeTokens.init(dir);
            System.out.println("authority made; give every node " + ca.publicKeys());
            return 0;
        }
    }

    @Command(name = "node-key", mixinStandardHelpOptions = true,
            description = "Makes a node's key in FILE if there is none (a node also makes its own at first start), and prints its public half.")
    static final class NodeKeyCommand implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            System.out.println(NodeKey.loadOrCreate(file).publicJwk().toJSONString());
            return 0;
        }
    }

    @Command(name = "issue", mixinStandardHelpOptions = true, description = "Signs a token for a node's key.")
    static final class Issue implements Callable<Integer> {
        @Parameters(paramLabel = "DIR", description = "the authority's directory")
        Path dir;

        @Option(names = "--node", required = true, description = "the node's name, as in members")
        String node;

        @Option(names = "--key", required = true, description = "the node's key (its public half is enough)")
        Path key;

        @Option(names = "--valid", defaultValue = "30d", description = "how long the token holds: 12h, 30d (default: 30d)")
        String valid;

        @Option(names = "--issuer", defaultValue = NodeTokens.DEFAULT_ISSUER, description = "the issuer's name (default: mycel-mesh)")
        String issuer;

        @Option(names = "--out", required = true, description = "where the token goes")
        Path out;

        @Override
        public Integer call() throws Exception {
            JWK nodeKey = JwkFiles.readKey(key);
            Duration validity = validity(valid);
            String token = NodeTokens.open(dir).issue(issuer, NodeId.of(node), nodeKey, Instant.now(), validity);
            java.nio.file.Files.writeString(out, token + "\n");
            System.out.println("token for " + node + " valid for " + valid + " written to " + out);
            return 0;
        }

        private static Duration validity(String text) {
            if (text.endsWith("d")) {
                return Duration.ofDays(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            return Duration.ofNanos(Durations.parseMicros(text) * 1_000L);
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Signs with a new key from now on; the old public keys stay in authority.jwks, so their tokens hold until they expire.")
    static final class Rotate implements Callable<Integer> {
        @Parameters(paramLabel = "DIR")
        Path dir;

        @Override
        public Integer call() {
            NodeTokens ca = NodeTokens.open(dir);
            ca.rotate();
            System.out.println("new signing key; give every node the new " + ca.publicKeys());
            return 0;
        }
    }
}
