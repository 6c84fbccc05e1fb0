package io.mycel.hil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The checkout the lab runs from, for what the docker backend needs from it: the node jar and the
 * scripts that start the engine and build the node image. The {@code mycel} launcher says where it
 * is ({@code -Dmycel.home}); tests find it by walking up from their working directory.
 */
final class LabHome {

    private final Path root;

    private LabHome(Path root) {
        this.root = root;
    }

    static LabHome find() {
        String property = System.getProperty("mycel.home");
        if (property != null) {
            return new LabHome(Path.of(property).toAbsolutePath());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("scripts/docker-engine.sh"))) {
                return new LabHome(dir);
            }
        }
        throw new IllegalStateException("cannot find the Mycel checkout (scripts/docker-engine.sh) from "
                + Path.of("").toAbsolutePath() + "; run through ./mycel or set -Dmycel.home");
    }

    Path nodeJar() {
        Path jar = root.resolve("system-under-test/runtime/target/mycel-node.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing; build it with: mvn -q install -DskipTests");
        }
        return jar;
    }

    /** The fault proxy's daemon, which the ssh backend ships to each host beside the node. */
    Path faultProxyJar() {
        return root.resolve("faults/target/mycel-fault-proxy.jar");
    }

    Path script(String name) {
        return root.resolve("scripts").resolve(name);
    }

    /** Runs one of the lab's scripts, failing with its output when it fails. */
    String run(String script, List<String> args, Map<String, String> env, long timeoutSeconds) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", script(script).toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        java.lang.Process process = builder.start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(script + " did not finish within " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + script, e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(script + " " + args + " failed (exit " + process.exitValue() + "):\n" + output);
        }
        return output;
    }
}
