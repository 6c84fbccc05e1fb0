package io.mycel.hil;

import io.mycel.faults.FaultTarget;
import io.mycel.hil.power.PowerBench;
import io.mycel.node.api.NodeId;
import io.mycel.node.runtime.MonotonicClock;
import io.mycel.sim.LatencyDistribution;
import io.mycel.sim.LinkModel;
import io.mycel.sim.Simulation;
import io.mycel.sim.TraceSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The fault plan's interpretation on real nodes: the same {@link FaultTarget} the simulator's faults
 * apply to, carried out by real means through a {@link ClusterBackend}. Each fault goes into the
 * trace with the same record the simulator writes, at the time it took effect; a fault this backend
 * cannot make is recorded as {@code fault-skipped} with the reason, never silently dropped.
 *
 * <p>All calls come from the harness's one fault thread.
 */
final class RealFaults implements FaultTarget {

    private final ClusterBackend backend;
    private final TraceSink trace;
    private final MonotonicClock clock;
    private final ScheduledExecutorService thread;
    private final BiConsumer<String, NodeId> admin;
    /** With a power bench, crashes are power cuts through the node's relay; null without one. */
    private final PowerBench bench;
    /** The links' models, through each node's fault proxy; null when links are bare. */
    private final LinkShaper links;
    private final Roles roles;
    private final List<NodeId> nodes;
    private final Set<NodeId> paused = new TreeSet<>();
    private final Map<NodeId, Long> offsets = new TreeMap<>();
    private final Map<NodeId, Long> drifts = new TreeMap<>();

    RealFaults(ClusterBackend backend, TraceSink trace, MonotonicClock clock, ScheduledExecutorService thread,
               BiConsumer<String, NodeId> admin, PowerBench bench, LinkShaper links, List<NodeId> nodes) {
        this.bench = bench;
        this.roles = new Roles(backend);
        this.nodes = List.copyOf(nodes);
        // The first requests of a run cost hundreds of milliseconds (the HTTP client's threads and
        // classes); made now, off the fault thread, they are not paid by the first leader-aimed fault.
        java.util.concurrent.CompletableFuture.runAsync(() -> roles.leader(this.nodes));
        this.links = links;
        this.backend = backend;
        this.trace = trace;
        this.clock = clock;
        this.thread = thread;
        this.admin = admin;
    }

    @Override
    public void partition(List<List<NodeId>> groups) {
        NetworkFaults network = backend.network();
        if (network == null) {
            skipped("partition", backend.networkUnavailableReason());
            return;
        }
        network.partition(groups);
        trace.record(clock.nowMicros(), "partition", "groups", groups.stream().map(RealFaults::names).toList());
    }

    @Override
    public void cut(List<NodeId> from, List<NodeId> to) {
        NetworkFaults network = backend.network();
        if (network == null) {
            skipped("cut", backend.networkUnavailableReason());
            return;
        }
        network.cut(from, to);
        trace.record(clock.nowMicros(), "cut", "from", names(from), "to", names(to));
    }

    @Override
    public void heal() {
        NetworkFaults network = backend.network();
        if (network != null) {
            network.heal();
            trace.record(clock.nowMicros(), "heal");
        }
    }

    @Override
    public void crash(NodeId node) {
        if (!backend.isRunning(node)) {
            return;   // as in simulation, crashing a node that is down changes nothing
        }
        resumeIfPaused(node);
        if (bench != null) {
            bench.cut(node);
            trace.record(clock.nowMicros(), "crash", "node", node.name(), "by", "power-relay");
            return;
        }
        backend.kill(node);
        trace.record(clock.nowMicros(), "crash", "node", node.name());
    }

    @Override
    public void restart(NodeId node) {
        if (bench != null && !bench.powered(node)) {
            bench.restore(node);
            trace.record(clock.nowMicros(), "restart", "node", node.name(), "by", "power-relay");
            return;
        }
        if (backend.isRunning(node)) {
            return;
        }
        try {
            backend.start(node);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart " + node, e);
        }
        trace.record(clock.nowMicros(), "restart", "node", node.name());
    }

    @Override
    public void pause(NodeId node) {
        if (backend.isRunning(node) && paused.add(node)) {
            backend.pause(node);
            trace.record(clock.nowMicros(), "pause", "node", node.name());
        }
    }

    @Override
    public void resume(NodeId node) {
        resumeIfPaused(node);
    }

    private void resumeIfPaused(NodeId node) {
        if (paused.remove(node)) {
            backend.resume(node);
            trace.record(clock.nowMicros(), "resume", "node", node.name());
        }
    }

    @Override
    public void skewClock(NodeId node, long offsetMicros) {
        setClock(node, offsetMicros, drifts.getOrDefault(node, 0L));
    }

    @Override
    public void driftClock(NodeId node, long driftPpm) {
        setClock(node, offsets.getOrDefault(node, 0L), driftPpm);
    }

    /** Sets a node's clock as the simulator would, and records it with the simulator's record. */
    void setClock(NodeId node, long offsetMicros, long driftPpm) {
        String refusal = backend.setClock(node, offsetMicros, driftPpm);
        if (refusal != null) {
            skipped("clock " + node + " offset " + offsetMicros + "us drift " + driftPpm + "ppm", refusal);
            return;
        }
        offsets.put(node, offsetMicros);
        drifts.put(node, driftPpm);
        trace.record(clock.nowMicros(), "clock", "node", node.name(), "offset", offsetMicros, "drift", driftPpm);
    }

    @Override
    public void setLoss(double probability) {
        if (links == null) {
            skipped("loss " + probability, "the run's links are bare (this backend shapes none)");
            return;
        }
        setDefaultLink(links.defaultLink().withLoss(probability));
    }

    @Override
    public void setLatency(LatencyDistribution latency) {
        if (links == null) {
            skipped("latency " + latency, "the run's links are bare (this backend shapes none)");
            return;
        }
        setDefaultLink(links.defaultLink().withLatency(latency));
    }

    /** As the simulator's change of the default link, with its {@code network} record. */
    private void setDefaultLink(LinkModel link) {
        links.setDefaultLink(link);
        trace.record(clock.nowMicros(), "network", Simulation.networkFields(link));
    }

    /** As in simulation: the first node, in the scenario's order, running and not frozen, that says it leads. */
    @Override
    public NodeId leader() {
        return roles.leader(nodes.stream().filter(node -> !paused.contains(node)).toList());
    }

    @Override
    public void after(long delayMicros, Runnable action) {
        thread.schedule(action, delayMicros, TimeUnit.MICROSECONDS);
    }

    @Override
    public void admin(String action, NodeId node) {
        admin.accept(action, node);
    }

    @Override
    public void skipped(String fault, String why) {
        trace.record(clock.nowMicros(), "fault-skipped", "fault", fault, "why", why);
    }

    /** The liveness phase: every node running and thawed, the network whole, clocks as the scenario set them. */
    void mendEverything(List<NodeId> nodes, Map<NodeId, long[]> scenarioClocks) {
        trace.record(clock.nowMicros(), "phase", "phase", "liveness");
        heal();
        for (NodeId node : nodes) {
            resume(node);
            restart(node);
            long[] own = scenarioClocks.getOrDefault(node, new long[2]);
            if (offsets.getOrDefault(node, 0L) != own[0] || drifts.getOrDefault(node, 0L) != own[1]) {
                setClock(node, own[0], own[1]);
            }
        }
    }

    private static List<String> names(List<NodeId> nodes) {
        return nodes.stream().map(NodeId::name).toList();
    }
}
