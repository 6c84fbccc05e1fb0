package io.mycel.sim;

import io.mycel.node.api.DurableStore;
import io.mycel.node.api.Message;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.PowerView;
import io.mycel.node.api.Process;
import io.mycel.node.api.RandomSource;
import io.mycel.node.api.TimerId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One node of a simulation and its {@link NodeContext}. Its volatile state is the current
 * {@link Process} instance, its timers and its random stream; its clock and durable store
 * outlive crashes.
 */
final class SimNode implements NodeContext {

    final NodeId id;
    final int index;
    /** Clients drive workloads: they are not members, and faults and partitions never touch them. */
    final boolean client;
    final MessageCodec codec;
    final ClockModel clock;
    final SimDurableStore storage = new SimDurableStore();
    private final Supplier<Process> factory;
    private final RandomSource nodeRandom;
    private final Simulation sim;

    Process process;
    NodeStatus status = NodeStatus.DOWN;
    int incarnation;
    RandomSource random;
    /** The node's energy, or null for a node on mains power. */
    EnergySupply energy;
    /** Down for want of power: only power coming back starts it again, not a fault's restart. */
    boolean brownedOut;
    /** The generation and time of the energy check now scheduled. */
    long energyGeneration;
    long energyCheckAt = Long.MAX_VALUE;
    /** Events that reached this node while it was paused, in arrival order. */
    final List<Event> deferred = new ArrayList<>();

    SimNode(Simulation sim, NodeId id, int index, boolean client, Supplier<Process> factory,
            MessageCodec codec, ClockModel clock, RandomSource nodeRandom) {
        this.sim = sim;
        this.id = id;
        this.index = index;
        this.client = client;
        this.factory = factory;
        this.codec = codec;
        this.clock = clock;
        this.nodeRandom = nodeRandom;
    }

    /** A fresh incarnation: new process, new random stream, no timers. */
    void boot() {
        incarnation++;
        random = nodeRandom.fork("incarnation/" + incarnation);
        process = factory.get();
        status = NodeStatus.UP;
    }

    @Override
    public NodeId self() {
        return id;
    }

    @Override
    public List<NodeId> members() {
        return sim.members();
    }

    @Override
    public long nowMicros() {
        return clock.read(sim.now());
    }

    @Override
    public RandomSource random() {
        return random;
    }

    @Override
    public void send(NodeId to, Message message) {
        sim.send(this, to, message);
    }

    @Override
    public TimerId setTimer(String name, long delayMicros) {
        if (delayMicros < 0) {
            throw new IllegalArgumentException("timer " + name + " with negative delay " + delayMicros + "us");
        }
        return sim.setTimer(this, name, clock.virtualDelay(sim.now(), delayMicros));
    }

    @Override
    public void cancelTimer(TimerId timer) {
        sim.cancelTimer(this, timer);
    }

    @Override
    public DurableStore storage() {
        return storage;
    }

    @Override
    public PowerView power() {
        return energy == null ? PowerView.MAINS : energy.view();
    }

    @Override
    public void emit(String event, String detail) {
        sim.note(this, event, detail);
    }

    @Override
    public void sleep(long micros) {
        sim.sleep(this, micros);
    }

    @Override
    public String toString() {
        return id.name();
    }
}
