package io.mycel.node.runtime;

import io.mycel.node.runtime.identity.NodeIdentity;
import io.mycel.node.runtime.identity.NodeTokens;
import java.util.List;

import io.mycel.node.api.NodeId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads {@code node.yaml}. Every mistake is reported with the file, the line and what was expected,
 * all of them at once, and nothing starts until the file makes sense.
 */
public final class NodeConfigReader {

    private static final Set<String> FIELDS = Set.of("id", "listen", "program", "config", "members", "data", "seed", "metrics", "clock-file", "mqtt", "mqtt-tls",
            "identity");

    private final Path file;
    private final List<String> problems = new ArrayList<>();

    private NodeConfigReader(Path file) {
        this.file = file;
    }

    /** @throws IllegalArgumentException listing every problem, one per line, each with file and line */
    public static NodeConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
        return new NodeConfigReader(file).parse(text);
    }

    private NodeConfig parse(String text) {
        Node root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(file.toString()).build()).composeString(text).orElse(null);
        } catch (MarkedYamlEngineException e) {
            throw new IllegalArgumentException(file + ":" + line(e.getProblemMark()) + ": not YAML: " + e.getProblem());
        }
        if (!(root instanceof MappingNode map)) {
            throw new IllegalArgumentException(file + ":1: expected a mapping with " + FIELDS);
        }
        Map<String, Node> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            String key = scalar(tuple.getKeyNode(), "a field name");
            if (key != null && !FIELDS.contains(key)) {
                problem(tuple.getKeyNode(), "unknown field '" + key + "'; expected one of " + new java.util.TreeSet<>(FIELDS));
            } else if (key != null) {
                fields.put(key, tuple.getValueNode());
            }
        }
        NodeId id = nodeId(required(map, fields, "id", "the node's name"));
        InetSocketAddress listen = address(required(map, fields, "listen", "host:port to listen on"), true);
        String program = scalar(required(map, fields, "program", "the program to run"), "a program name");
        Map<String, String> options = new LinkedHashMap<>();
        Node config = fields.get("config");
        if (config instanceof MappingNode configMap) {
            for (NodeTuple tuple : configMap.getValue()) {
                String name = scalar(tuple.getKeyNode(), "an option name");
                String value = scalar(tuple.getValueNode(), "an option value");
                if (name != null && value != null) {
                    options.put(name, value);
                }
            }
        } else if (config != null) {
            problem(config, "a mapping of the program's options");
        }
        Map<NodeId, InetSocketAddress> members = new LinkedHashMap<>();
        Node membersNode = required(map, fields, "members", "a mapping of every node's name to its host:port");
        if (membersNode instanceof MappingNode membersMap) {
            for (NodeTuple tuple : membersMap.getValue()) {
                NodeId member = nodeId(tuple.getKeyNode());
                // A peer's name is looked up when the node connects, so a peer that is down (or not yet
                // in DNS) when this node starts is no configuration error.
                InetSocketAddress address = address(tuple.getValueNode(), false);
                if (member != null && members.put(member, address) != null) {
                    problem(tuple.getKeyNode(), "each member once; " + member + " is listed twice");
                }
            }
            if (id != null && !members.containsKey(id)) {
                problem(membersNode, "the members to include this node, " + id);
            }
        } else if (membersNode != null) {
            problem(membersNode, "a mapping of every node's name to its host:port");
        }
        String data = scalar(required(map, fields, "data", "the directory for the node's durable store"), "a directory");
        long seed = 1;
        if (fields.containsKey("seed")) {
            String value = scalar(fields.get("seed"), "an integer seed");
            try {
                seed = value == null ? 1 : Long.parseLong(value);
            } catch (NumberFormatException e) {
                problem(fields.get("seed"), "an integer seed, got '" + value + "'");
            }
        }
        InetSocketAddress metrics = fields.containsKey("metrics") ? address(fields.get("metrics"), true) : null;
        String clockFile = fields.containsKey("clock-file") ? scalar(fields.get("clock-file"), "a file path") : null;
        InetSocketAddress mqtt = fields.containsKey("mqtt") ? address(fields.get("mqtt"), true) : null;
        if (mqtt != null && !"mqtt".equals(program)) {
            problem(fields.get("mqtt"), "no mqtt listener for program " + program + " (only the mqtt program serves MQTT clients)");
        }
        NodeConfig.MqttTls mqttTls = fields.containsKey("mqtt-tls") ? mqttTls(fields.get("mqtt-tls")) : null;
        if (fields.containsKey("mqtt-tls") && program != null && !"mqtt".equals(program)) {
            problem(fields.get("mqtt-tls"), "no mqtt listener for program " + program + " (only the mqtt program serves MQTT clients)");
        }
        NodeIdentity.Config identity = fields.containsKey("identity") ? identity(fields.get("identity"), data) : null;
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new NodeConfig(file, id, listen, program, options, members, Path.of(data), seed, metrics,
                clockFile == null ? null : Path.of(clockFile), mqtt, identity, mqttTls);
    }

    /** {@code mqtt-tls: {listen: HOST:PORT, cert: FILE, key: FILE}}, all three needed. */
    private NodeConfig.MqttTls mqttTls(Node node) {
        Map<String, Node> given = section(node, "mqtt-tls", List.of("listen", "cert", "key"), Map.of(
                "listen", "host:port for MQTT over TLS (8883 is its usual port)",
                "cert", "the broker's certificate chain, a PEM file",
                "key", "its private key, a PEM (PKCS#8) file"));
        if (given == null) {
            return null;
        }
        InetSocketAddress address = address(given.get("listen"), true);
        String cert = scalar(given.get("cert"), "a PEM file");
        String key = scalar(given.get("key"), "a PEM file");
        return address == null || cert == null || key == null ? null : new NodeConfig.MqttTls(address, Path.of(cert), Path.of(key));
    }

    /** {@code identity: {token: FILE, authority: FILE, key: FILE, issuer: NAME}}; key and issuer have defaults. */
    private NodeIdentity.Config identity(Node node, String data) {
        Map<String, Node> fields = section(node, "identity", List.of("token", "authority", "key", "issuer"), Map.of(
                "token", "the node's token file ('mycel ca issue' writes it)",
                "authority", "the authority's public keys (authority.jwks)"));
        if (fields == null) {
            return null;
        }
        Map<String, String> given = new LinkedHashMap<>();
        fields.forEach((name, value) -> given.put(name, scalar(value, "a file path or name")));
        if (given.get("token") == null || given.get("authority") == null) {
            return null;
        }
        Path key = given.get("key") != null ? Path.of(given.get("key")) : Path.of(data == null ? "." : data, "node-key.jwk");
        return new NodeIdentity.Config(key, Path.of(given.get("token")), Path.of(given.get("authority")),
                given.getOrDefault("issuer", NodeTokens.DEFAULT_ISSUER));
    }

    /**
     * A section of its own ({@code name: {...}}): its fields by name, each one of {@code allowed};
     * every field of {@code required} (named with what it expects) must be there. Null, with the
     * problems recorded, when the section is not a mapping or misses a required field.
     */
    private Map<String, Node> section(Node node, String name, List<String> allowed, Map<String, String> required) {
        if (!(node instanceof MappingNode map)) {
            problem(node, "a mapping with " + String.join(", ", allowed));
            return null;
        }
        Map<String, Node> given = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            String key = scalar(tuple.getKeyNode(), "a field name");
            if (key != null && !allowed.contains(key)) {
                problem(tuple.getKeyNode(), "one of " + String.join(", ", allowed) + "; got '" + key + "'");
            } else if (key != null) {
                given.put(key, tuple.getValueNode());
            }
        }
        boolean complete = true;
        for (String needed : allowed) {
            if (required.containsKey(needed) && !given.containsKey(needed)) {
                problems.add(file + ":" + line(map.getStartMark()) + ": missing field '" + name + "." + needed + "': expected "
                        + required.get(needed));
                complete = false;
            }
        }
        return complete ? given : null;
    }

    private Node required(MappingNode map, Map<String, Node> fields, String name, String expected) {
        Node node = fields.get(name);
        if (node == null) {
            problems.add(file + ":" + line(map.getStartMark()) + ": missing field '" + name + "': expected " + expected);
        }
        return node;
    }

    private String scalar(Node node, String expected) {
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        problem(node, expected);
        return null;
    }

    private NodeId nodeId(Node node) {
        String name = scalar(node, "a node name");
        if (name == null) {
            return null;
        }
        try {
            return NodeId.of(name);
        } catch (IllegalArgumentException e) {
            problem(node, e.getMessage());
            return null;
        }
    }

    /** host:port, with the host an IP address or a name; resolved now when {@code resolve}, else when used. */
    private InetSocketAddress address(Node node, boolean resolve) {
        String text = scalar(node, "host:port");
        if (text == null) {
            return null;
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            problem(node, "host:port, got '" + text + "'");
            return null;
        }
        try {
            int port = Integer.parseInt(text.substring(colon + 1));
            if (port < 0 || port > 65535) {
                problem(node, "a port from 0 to 65535, got " + port);
                return null;
            }
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (!resolve && !isIpLiteral(host)) {
                return InetSocketAddress.createUnresolved(host, port);
            }
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (NumberFormatException e) {
            problem(node, "host:port with a numeric port, got '" + text + "'");
        } catch (UnknownHostException e) {
            problem(node, "a host that resolves, got '" + text + "'");
        }
        return null;
    }

    private static boolean isIpLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private void problem(Node node, String expected) {
        problems.add(file + ":" + line(node.getStartMark()) + ": expected " + expected);
    }

    private static int line(Optional<Mark> mark) {
        return mark.map(m -> m.getLine() + 1).orElse(1);
    }
}
