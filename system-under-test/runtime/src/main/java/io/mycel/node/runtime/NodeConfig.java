package io.mycel.node.runtime;

import io.mycel.node.api.NodeId;
import io.mycel.node.runtime.identity.NodeIdentity;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code node.yaml} says: who the node is, where it listens, the cluster it belongs to, the
 * program it runs and where it keeps its data.
 *
 * <pre>
 * id: n1
 * listen: 127.0.0.11:7400
 * program: gcounter
 * config: {gossip-interval: 100ms}      # the program's options
 * members:                              # every node of the cluster, in order, self included
 *   n1: 127.0.0.11:7400
 *   n2: 127.0.0.12:7400
 * data: /var/lib/mycel/n1
 * seed: 1                               # seeds the node's random stream
 * metrics: 127.0.0.11:9400              # optional: Prometheus /metrics
 * clock-file: /tmp/run/n1.clock          # optional, for the lab: "OFFSET_US DRIFT_PPM" steers the node's clock
 * mqtt: 127.0.0.11:1883                 # optional, for the mqtt program: where MQTT clients connect
 * mqtt-tls:                             # optional, for the mqtt program: MQTT over TLS (1.3 or 1.2)
 *   listen: 127.0.0.11:8883
 *   cert: /etc/mycel/broker.pem         #   PEM certificate chain, the broker's first
 *   key: /etc/mycel/broker-key.pem      #   PEM PKCS#8 private key
 * identity:                             # optional: TLS 1.3 links, each node proving itself with its token
 *   token: /etc/mycel/n1.token          #   from 'mycel ca issue'
 *   authority: /etc/mycel/authority.jwks
 *   key: /var/lib/mycel/n1/node-key.jwk #   default: node-key.jwk in data, made at first start
 *   issuer: mycel-mesh                  #   default
 * </pre>
 *
 * @param members every node of the cluster in the file's order, with the address it listens on
 * @param options the program's options, as given (checked against the program when it starts)
 * @param metrics where {@code /metrics} is served, or null for nowhere
 * @param clockFile a file the lab writes to skew the node's clock, or null for the plain wall clock
 * @param mqtt where MQTT clients connect (the mqtt program only), or null for nowhere
 * @param identity the node's key, token and authority, or null for plain TCP links (a lab on one machine)
 * @param mqttTls where MQTT clients connect over TLS and with which certificate, or null for nowhere
 */
public record NodeConfig(Path source, NodeId id, InetSocketAddress listen, String program, Map<String, String> options,
                         Map<NodeId, InetSocketAddress> members, Path data, long seed, InetSocketAddress metrics,
                         Path clockFile, InetSocketAddress mqtt, NodeIdentity.Config identity, MqttTls mqttTls) {

    /** MQTT over TLS: the address, and the broker's certificate chain and private key as PEM files. */
    public record MqttTls(InetSocketAddress listen, Path cert, Path key) {
    }

    /** A node without an MQTT TLS listener. */
    public NodeConfig(Path source, NodeId id, InetSocketAddress listen, String program, Map<String, String> options,
                      Map<NodeId, InetSocketAddress> members, Path data, long seed, InetSocketAddress metrics,
                      Path clockFile, InetSocketAddress mqtt, NodeIdentity.Config identity) {
        this(source, id, listen, program, options, members, data, seed, metrics, clockFile, mqtt, identity, null);
    }

    /** A node without identity: links are plain TCP. */
    public NodeConfig(Path source, NodeId id, InetSocketAddress listen, String program, Map<String, String> options,
                      Map<NodeId, InetSocketAddress> members, Path data, long seed, InetSocketAddress metrics,
                      Path clockFile, InetSocketAddress mqtt) {
        this(source, id, listen, program, options, members, data, seed, metrics, clockFile, mqtt, null);
    }

    public NodeConfig {
        options = Map.copyOf(options);
        members = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(members));
    }

    /** The members in the file's order: what {@code NodeContext.members()} reports. */
    public List<NodeId> memberIds() {
        return List.copyOf(members.keySet());
    }

    /** Everyone but this node, with addresses. */
    public Map<NodeId, InetSocketAddress> peers() {
        Map<NodeId, InetSocketAddress> peers = new java.util.LinkedHashMap<>(members);
        peers.remove(id);
        return peers;
    }
}
