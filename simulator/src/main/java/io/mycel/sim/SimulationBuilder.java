package io.mycel.sim;

import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects the nodes, clients, links and clocks of a simulation; {@link #build()} makes it and
 * schedules every node's start at time 0, in the order the nodes were added.
 */
public final class SimulationBuilder {

    record NodeSpec(NodeId id, boolean client, Supplier<Process> factory, MessageCodec codec,
                    long clockOffsetMicros, long clockDriftPpm) {
    }

    record LinkSpec(NodeId from, NodeId to, LinkModel model) {
    }

    final long seed;
    final LinkModel defaultLink;
    final List<NodeSpec> specs = new ArrayList<>();
    final List<LinkSpec> links = new ArrayList<>();
    final java.util.Map<NodeId, EnergySupply> energy = new java.util.HashMap<>();
    HandshakeModel secureLinks;
    TraceSink trace = TraceSink.NONE;
    Simulation.ProgressListener progress;
    Simulation.EventObserver observer;

    SimulationBuilder(long seed, LinkModel defaultLink) {
        this.seed = seed;
        this.defaultLink = defaultLink;
    }

    public SimulationBuilder node(NodeId id, Supplier<Process> factory, MessageCodec codec) {
        return node(id, factory, codec, 0, 0);
    }

    public SimulationBuilder node(NodeId id, Supplier<Process> factory, MessageCodec codec,
                                  long clockOffsetMicros, long clockDriftPpm) {
        specs.add(new NodeSpec(id, false, factory, codec, clockOffsetMicros, clockDriftPpm));
        return this;
    }

    /** A workload endpoint: never a member, never faulted or partitioned, clock without skew. */
    public SimulationBuilder client(NodeId id, Supplier<Process> factory, MessageCodec codec) {
        specs.add(new NodeSpec(id, true, factory, codec, 0, 0));
        return this;
    }

    /** Overrides the model of one directed link. */
    public SimulationBuilder link(NodeId from, NodeId to, LinkModel model) {
        links.add(new LinkSpec(from, to, model));
        return this;
    }

    /** Powers a server node from a battery (and harvest) instead of mains; one supply per node. */
    public SimulationBuilder energy(NodeId id, EnergySupply supply) {
        energy.put(id, supply);
        return this;
    }

    /** Links between servers open with a handshake that costs what {@code model} says (see {@link SecureLinks}). */
    public SimulationBuilder secureLinks(HandshakeModel model) {
        this.secureLinks = model;
        return this;
    }

    public SimulationBuilder trace(TraceSink sink) {
        this.trace = sink;
        return this;
    }

    public SimulationBuilder progress(Simulation.ProgressListener listener) {
        this.progress = listener;
        return this;
    }

    /** Called after every event, for invariants over all nodes; one observer per simulation. */
    public SimulationBuilder afterEachEvent(Simulation.EventObserver observer) {
        this.observer = observer;
        return this;
    }

    public Simulation build() {
        return new Simulation(this);
    }
}
