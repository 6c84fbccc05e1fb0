package io.mycel.hil;

import io.mycel.node.api.NodeId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every backend keeps alike: the plan it deployed, where each node listens, its partitions
 * (or why it has none), where each node's log lands, and the wait for a node to listen.
 */
abstract class BackendBase implements ClusterBackend {

    /** Where a node serves /metrics and /role on its own address, where it has one (containers, hosts). */
    static final int METRICS_PORT = 9400;
    /** Where a fault proxy's API listens on its node's address, beside the node. */
    static final int PROXY_API_PORT = 8474;
    /** Link proxies listen on the node's loopback at this port plus the peer's number (from 1). */
    static final int LINK_PORT_BASE = 20000;

    protected final Map<NodeId, InetSocketAddress> addresses = new LinkedHashMap<>();
    /** Where each node serves /metrics and /role, when the backend gives it an address for them. */
    protected final Map<NodeId, InetSocketAddress> metricsAddresses = new LinkedHashMap<>();
    protected ClusterPlan plan;
    protected NftNetwork partitions;
    protected final StringBuilder networkWhy = new StringBuilder();

    @Override
    public NetworkFaults network() {
        return partitions;
    }

    @Override
    public String networkUnavailableReason() {
        return partitions == null ? networkWhy.toString() : null;
    }

    @Override
    public InetSocketAddress metricsAddress(NodeId node) {
        return metricsAddresses.get(node);
    }

    @Override
    public Path logFile(NodeId node) {
        return plan.nodeDir(node).resolve("node.log");
    }

    /** Why the node stopped before it listened (the end of its error output, say). */
    protected abstract String whyStopped(NodeId node) throws IOException;

    @Override
    public void awaitReady(NodeId node, Duration timeout) throws IOException {
        awaitListening(addresses.get(node), timeout, "node " + node,
                () -> isRunning(node) ? null : "it stopped before it listened: " + whyStopped(node));
    }

    /** Why a process that should soon listen never will (it stopped, say), or null while it may. */
    interface Gone {
        String why() throws IOException;
    }

    /** Waits until something accepts connections at {@code address}, failing early when {@code gone} says why it never will. */
    static void awaitListening(InetSocketAddress address, Duration timeout, String what, Gone gone) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket probe = new Socket()) {
                probe.connect(address, 300);
                return;
            } catch (IOException notYet) {
                String why = gone.why();
                if (why != null) {
                    throw new IOException(what + " did not listen on " + address + ": " + why);
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException(what + " did not listen on " + address + " within " + timeout);
                }
                sleep(30);
            }
        }
    }

    /**
     * Where the proxy beside {@code node} listens for its link to each peer, on the node's own loopback
     * (a container's, or a host's): the peer's number picks the port.
     */
    static Map<NodeId, InetSocketAddress> loopbackLinks(NodeId node, java.util.List<NodeId> nodes) {
        Map<NodeId, InetSocketAddress> links = new LinkedHashMap<>();
        for (int j = 0; j < nodes.size(); j++) {
            if (!nodes.get(j).equals(node)) {
                links.put(nodes.get(j), new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), LINK_PORT_BASE + j + 1));
            }
        }
        return links;
    }

    /** The same addresses as HOST:PORT text, as a proxy's API takes them. */
    static Map<NodeId, String> hostPorts(Map<NodeId, InetSocketAddress> addresses) {
        Map<NodeId, String> out = new LinkedHashMap<>();
        addresses.forEach((node, address) -> out.put(node, NodeYaml.hostPort(address)));
        return out;
    }

    /** Removes the partition rules, if any were made. */
    protected void closeNetwork() {
        if (partitions != null) {
            partitions.close();
        }
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
