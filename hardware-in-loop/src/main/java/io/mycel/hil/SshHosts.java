package io.mycel.hil;

import io.mycel.node.api.NodeId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The hosts file of the ssh backend: how to log in, and for each node of the scenario the host it
 * runs on and the address it listens on.
 *
 * <pre>
 * user: root
 * key: /home/me/.ssh/mycel_ed25519        # a private key the hosts accept
 * dir: /tmp/mycel                         # where nodes live on the hosts
 * java: java                              # the hosts' Java 17 (optional)
 * hosts:
 *   n1: {host: 192.168.1.21, port: 22, fingerprint: "SHA256:...", listen: 192.168.1.21:7400}
 * </pre>
 *
 * @param fingerprint the host key's SHA256 fingerprint, checked on every connection
 */
record SshHosts(Path source, String user, Path key, String dir, String java, Map<NodeId, Host> hosts) {

    record Host(String host, int port, String fingerprint, InetSocketAddress listen) {
    }

    /** @throws IllegalArgumentException naming the file and every problem */
    static SshHosts read(Path file) throws IOException {
        Object root;
        try {
            root = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file, StandardCharsets.UTF_8));
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(file + ": not YAML: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + ": expected a mapping with user, key, dir and hosts");
        }
        String user = text(map, "user", "root", problems);
        String key = text(map, "key", null, problems);
        String dir = text(map, "dir", "/tmp/mycel", problems);
        String java = text(map, "java", "java", problems);
        Map<NodeId, Host> hosts = new LinkedHashMap<>();
        if (!(map.get("hosts") instanceof Map<?, ?> entries)) {
            problems.add("hosts: expected a mapping from node name to {host, port, fingerprint, listen}");
        } else {
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                String node = String.valueOf(entry.getKey());
                if (!(entry.getValue() instanceof Map<?, ?> fields)) {
                    problems.add("hosts." + node + ": expected {host, port, fingerprint, listen}");
                    continue;
                }
                String host = text(fields, "host", null, problems);
                String port = text(fields, "port", "22", problems);
                String fingerprint = text(fields, "fingerprint", null, problems);
                String listen = text(fields, "listen", null, problems);
                if (host == null || fingerprint == null || listen == null) {
                    problems.add("hosts." + node + ": expected host, fingerprint and listen");
                    continue;
                }
                int colon = listen.lastIndexOf(':');
                try {
                    hosts.put(NodeId.of(node), new Host(host, Integer.parseInt(port), fingerprint,
                            new InetSocketAddress(listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1)))));
                } catch (RuntimeException e) {
                    problems.add("hosts." + node + ": expected a port number and listen as host:port, got port " + port
                            + ", listen " + listen);
                }
            }
        }
        if (key == null) {
            problems.add("key: expected the path of a private key the hosts accept");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(file + ": " + String.join("; ", problems));
        }
        return new SshHosts(file, user, Path.of(key), dir, java, hosts);
    }

    private static String text(Map<?, ?> map, String field, String fallback, List<String> problems) {
        Object value = map.get(field);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Map || value instanceof List) {
            problems.add(field + ": expected a single value");
            return fallback;
        }
        return String.valueOf(value);
    }
}
