package io.mycel.hil;

import io.mycel.node.api.NodeId;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where real nodes run: processes on this machine, containers, or hosts over SSH. The harness
 * drives every backend the same way, and real faults reach the nodes through it: a crash is a
 * SIGKILL of the node's process, a pause a SIGSTOP, a partition a firewall rule.
 *
 * <p>Methods are called from one thread at a time (the harness's fault thread, or its setup).
 */
public interface ClusterBackend extends AutoCloseable {

    /** The name given to {@code --backend}. */
    String name();

    /** Writes each node's configuration; returns where clients reach each node. Starts nothing. */
    Map<NodeId, InetSocketAddress> prepare(ClusterPlan plan) throws IOException;

    /** Starts a node's process (again, after a kill), without waiting for it to listen. */
    void start(NodeId node) throws IOException;

    /** Waits until the node accepts connections. */
    void awaitReady(NodeId node, Duration timeout) throws IOException;

    /** Kills the node's process at once (SIGKILL): volatile state and unsynced writes are lost. */
    void kill(NodeId node);

    /** Freezes the node's process (SIGSTOP): connections stay open, nothing is answered. */
    void pause(NodeId node);

    /** Thaws a frozen process (SIGCONT). */
    void resume(NodeId node);

    boolean isRunning(NodeId node);

    /** Partitions and one-way cuts between nodes, or null when this backend cannot make them here. */
    NetworkFaults network();

    /** Why {@link #network()} is null, for the run's notices; null when it is not. */
    default String networkUnavailableReason() {
        return null;
    }

    /**
     * Why this backend cannot shape links (a fault proxy beside each node, attached to the plan's
     * {@link LinkShaper}), or null when it can.
     */
    default String linkShapingUnavailableReason() {
        return "link models on real links (latency, loss, duplication, reordering) are not made on the " + name()
                + " backend yet";
    }

    /**
     * How many cores the node's process kept busy since the last call (0 when down or unknown), for
     * a load model of an emulated power bench.
     */
    default double busyCores(NodeId node) {
        return 0;
    }

    /**
     * Sets the node's clock to run {@code offsetMicros} ahead of true time (behind when negative), and
     * {@code driftPpm} parts per million fast; null when done, else why this backend cannot.
     */
    default String setClock(NodeId node, long offsetMicros, long driftPpm) {
        return "clock skew and drift are not available on the " + name() + " backend yet";
    }

    /**
     * Whether the nodes run on this machine's kernel, so their logs' monotonic stamps are on the
     * harness's own monotonic clock (and immune to the skew the harness gives their wall clocks).
     */
    default boolean sharesMonotonicClock() {
        return false;
    }

    /**
     * Where the node serves its metrics and its role ({@code /metrics}, {@code /role}), reachable from
     * the harness; null when it serves none.
     */
    default InetSocketAddress metricsAddress(NodeId node) {
        return null;
    }

    /** The node's structured log (its standard output, across restarts). */
    Path logFile(NodeId node);

    /** Stops every node and removes whatever the backend set up (firewall rules included). */
    @Override
    void close();
}
