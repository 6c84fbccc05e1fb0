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
