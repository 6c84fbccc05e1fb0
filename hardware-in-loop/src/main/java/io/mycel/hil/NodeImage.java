package io.mycel.hil;

import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.testcontainers.DockerClientFactory;

/**
 * The Docker engine and the node image the docker backend runs on. The engine is the lab's own
 * ({@code scripts/docker-engine.sh}, which installs Debian's docker.io when missing); the image is
 * built from the node jar without any registry ({@code scripts/node-image.sh}) and tagged by the
 * jar's hash, so a changed node gets a new image and an unchanged one is built once.
 */
public final class NodeImage {

    /** Where the lab's engine listens; the launcher and the tests point DOCKER_HOST here. */
    public static final String ENGINE_SOCKET = "unix:///var/lib/mycel-docker/docker.sock";

    private NodeImage() {
    }

    /** Starts the engine if it is not answering, builds the image if it is missing; returns its tag. */
    public static String ensure() throws IOException {
        LabHome home = LabHome.find();
        String dockerHost = System.getenv().getOrDefault("DOCKER_HOST", ENGINE_SOCKET);
        Map<String, String> env = Map.of("DOCKER_HOST", dockerHost);
        if (dockerHost.equals(ENGINE_SOCKET)) {
            home.run("docker-engine.sh", List.of("up"), env, 300);
        }
        Path jar = home.nodeJar();
        String tag = "mycel-node:" + sha256(jar).substring(0, 12);
        try {
            DockerClientFactory.instance().client().inspectImageCmd(tag).exec();
        } catch (NotFoundException missing) {
            home.run("node-image.sh", List.of(jar.toString(), tag), env, 600);
        }
        return tag;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
