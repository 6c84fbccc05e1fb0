package io.mycel.sim;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.PowerView;
import io.mycel.node.api.Process;
import io.mycel.node.api.RandomSource;
import io.mycel.node.api.SeededRandom;
import io.mycel.node.api.TimerId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The deterministic kernel: one thread, virtual time in microseconds, and an event queue ordered by
 * (time, sequence number), so events at the same instant run in the order they were scheduled.
 *
 * <p>Everything random draws from streams forked from one seed by name: {@code network} for link
 * decisions, {@code node/NAME} for each node, so that a change in one component does not shift the
 * draws of another. Messages are encoded when sent and decoded when delivered, with the receiver's
 * codec; loss and duplication are decided at send, partitions are checked at send and again at
 * delivery, so a partition that starts while a message is in flight stops it.
 *
 * <p>A node crash discards its process, its timers and its unsynced writes; a restart builds a new
 * process that finds the synced state. A paused node keeps its state but runs nothing: messages and
 * timers that reach it wait and run, in order, when it resumes (its clock keeps going).
 */
public final class Simulation {

    /** How many events pass between two calls of a progress listener. */
    static final int PROGRESS_EVERY_EVENTS = 1 << 16;

    /** Receives the run's progress now and then, for a progress bar; must not touch the run. */
    public interface ProgressListener {
        void progress(long virtualMicros, long events);
    }

    /**
     * Sees the simulation after each event (a message delivered, a timer fired, a fault applied),
     * to check invariants over every node's state. It may read {@link #process} but must change
     * nothing, so a run with an observer traces exactly as a run without.
     */
    public interface EventObserver {
        void afterEvent(Simulation sim);
    }

    private final EventQueue queue = new EventQueue();
    private final SimNode[] nodes;
    private final NodeTable byId;
    private final TimerTable timers = new TimerTable();
    private final List<NodeId> members;
    private final Network network;
    private final TraceSink trace;
    private final MessagePath messages;
    /** With secure links, their handshakes; else null. */
    private final SecureLinks secureLinks;
    private final ProgressListener progress;
    private final EventObserver observer;

    private long now;
    private long seq;
    private long nextTimerId;
    private long events;
    /** Events at one instant of virtual time past which a run is stuck (see {@link #checkTimeAdvances}). */
    static final long STALL_EVENTS = 1L << 24;
    private long stalledAtMicros = -1;
    private long eventsWhenStalled;

    Simulation(SimulationBuilder b) {
        RandomSource root = new SeededRandom(b.seed);
        this.trace = b.trace;
        this.progress = b.progress;
        this.observer = b.observer;
        this.nodes = new SimNode[b.specs.size()];
        List<NodeId> servers = new ArrayList<>();
        for (int i = 0; i < nodes.length; i++) {
            SimulationBuilder.NodeSpec spec = b.specs.get(i);
            // The node gets its own copy of its id, made right after it (arguments are evaluated after
            // the object is allocated), so the two share a cache line: node code compares ids all the time.
            SimNode node = new SimNode(this, new NodeId(spec.id().name()), i, spec.client(), spec.factory(), spec.codec(),
                    new ClockModel(spec.clockOffsetMicros(), spec.clockDriftPpm()), root.fork("node/" + spec.id().name()));
            nodes[i] = node;
            node.energy = spec.client() ? null : b.energy.get(spec.id());
            if (!spec.client()) {
                servers.add(node.id);
            }
        }
        this.byId = new NodeTable(nodes);
        this.members = List.copyOf(servers);
        this.network = new Network(b.defaultLink, nodes.length);
        for (SimulationBuilder.LinkSpec link : b.links) {
            network.setLink(node(link.from()), node(link.to()), link.model());
        }
        this.messages = new MessagePath(this, network, byId, root.fork("network"));
        this.secureLinks = b.secureLinks == null ? null
                : new SecureLinks(this, network, messages, b.secureLinks, root.fork("secure-links"));
        messages.secureLinks(secureLinks);
        for (SimNode node : nodes) {
            schedule(0, new Action(() -> start(node, "start")));
        }
    }

    public static SimulationBuilder builder(long seed, LinkModel defaultLink) {
        return new SimulationBuilder(seed, defaultLink);
    }

    // ---------------------------------------------------------------- running

    public long now() {
        return now;
    }

    /** Runs every event up to and including {@code endMicros}; then the clock reads {@code endMicros}. */
    public void runUntil(long endMicros) {
        while (!queue.isEmpty() && queue.peekTime() <= endMicros) {
            now = queue.peekTime();
            // Deliveries and timers are nearly every event: dispatch them by type test, which the JIT
            // turns into direct, inlinable calls, instead of through a megamorphic virtual call.
            Event event = queue.poll();
            if (event instanceof Delivery delivery) {
                messages.deliver(delivery);
            } else if (event instanceof TimerFire timer) {
                fireTimer(timer);
            } else {
                event.fire(this);
            }
            if (observer != null) {
                observer.afterEvent(this);
            }
            if ((++events & (PROGRESS_EVERY_EVENTS - 1)) == 0) {
                if (progress != null) {
                    progress.progress(now, events);
                }
                checkTimeAdvances();
            }
        }
        now = Math.max(now, endMicros);
    }

    /**
     * Ends a run whose virtual time has stood still for {@value #STALL_EVENTS} events or more: node code
     * that answers itself with no delay (a zero-delay timer or self-send in a loop) would otherwise
     * spin forever, and a run must end. Checked only every {@value #PROGRESS_EVERY_EVENTS} events.
     */
    private void checkTimeAdvances() {
        if (now != stalledAtMicros) {
            stalledAtMicros = now;
            eventsWhenStalled = events;
        } else if (events - eventsWhenStalled >= STALL_EVENTS) {
            throw new SimulationException("virtual time stuck at " + now + "us for " + (events - eventsWhenStalled)
                    + " events: node code loops without delay");
        }
    }

    /** Schedules a lab-side action (a fault, a workload step) at an absolute virtual time. */
    public void at(long timeMicros, Runnable action) {
        if (timeMicros < now) {
            throw new IllegalArgumentException("cannot schedule at " + timeMicros + "us, before now " + now + "us");
        }
        schedule(timeMicros, new Action(action));
    }

    public TraceSink trace() {
        return trace;
    }

    public List<NodeId> members() {
        return members;
    }

    /**
     * The node's current process, or null while it is down. For observers and benchmarks that read
     * state: calling into it would run node code outside the event loop.
     */
    public Process process(NodeId id) {
        return node(id).process;
    }

    /** Events run so far. */
    public long events() {
        return events;
    }

    public NodeStatus status(NodeId id) {
        return node(id).status;
    }

    public SimStats stats() {
        return messages.stats(events);
    }

    // ---------------------------------------------------------------- faults

    /** Crashes a node; returns false (and does nothing) if it is already down. */
    public boolean crash(NodeId id) {
        SimNode node = server(id);
        if (node.status == NodeStatus.DOWN) {
            return false;
        }
        node.status = NodeStatus.DOWN;
        node.process = null;
        // Its pending timers stay in the queue and are discarded, incarnation stale, as they come due.
        for (Event event : node.deferred) {
            if (event instanceof Delivery d) {
                messages.drop(d, "down");
            } else if (event instanceof TimerFire t) {
                timers.remove(t.timer.id());
            }
        }
        node.deferred.clear();
        if (secureLinks != null) {
            secureLinks.closeAll(node, "down", true);
        }
        int lost = node.storage.crash();
        record("crash", "node", id.name(), "lostWrites", lost);
        if (node.energy != null) {
            node.energy.powered(now, false);
            scheduleEnergyCheck(node);
        }
        return true;
    }

    /** Restarts a crashed node with a fresh process; returns false if it is not down, or down for want of power. */
    public boolean restart(NodeId id) {
        SimNode node = server(id);
        if (node.status != NodeStatus.DOWN || node.brownedOut) {
            return false;
        }
        start(node, "restart");
        return true;
    }

    /** Freezes a node as SIGSTOP would; returns false if it is not up. */
    public boolean pause(NodeId id) {
        SimNode node = server(id);
        if (node.status != NodeStatus.UP) {
            return false;
        }
        node.status = NodeStatus.PAUSED;
        record("pause", "node", id.name());
        return true;
    }

    /**
     * Resumes a paused node: what waited for it runs at once, in arrival order, before anything else
     * that happens at this instant (so nothing newer overtakes it).
     */
    public boolean resume(NodeId id) {
        SimNode node = server(id);
        if (node.status != NodeStatus.PAUSED) {
            return false;
        }
        node.status = NodeStatus.UP;
        record("resume", "node", id.name(), "waiting", node.deferred.size());
        releaseDeferred(node);
        return true;
    }

    /**
     * A node asked to sleep: it is ASLEEP from now (after the handler that asked returns) until
     * {@code micros} later, when a {@link Wake} for this incarnation wakes it. A node that is not up
     * (it asked twice in one handler) stays as it is.
     */
    void sleep(SimNode node, long micros) {
        if (micros < 1) {
            throw new IllegalArgumentException(node.id + " asked to sleep for " + micros + "us");
        }
        if (node.status != NodeStatus.UP) {
            return;
        }
        node.status = NodeStatus.ASLEEP;
        record("sleep", "node", node.id.name(), "until", now + micros);
        if (secureLinks != null) {
            secureLinks.closeAll(node, "asleep", false);
        }
        if (node.energy != null) {
            node.energy.asleep(now, true);
            scheduleEnergyCheck(node);
        }
        schedule(now + micros, new Wake(node, node.incarnation));
    }

    /** Wakes a sleeping node: onWake, then what came due while it slept, in order. */
    void wake(SimNode node, long incarnation) {
        if (node.incarnation != incarnation || node.status != NodeStatus.ASLEEP) {
            return;   // it crashed meanwhile
        }
        node.status = NodeStatus.UP;
        record("wake", "node", node.id.name(), "waiting", node.deferred.size());
        if (node.energy != null) {
            node.energy.asleep(now, false);
            scheduleEnergyCheck(node);
            energyHandled(node, -1);
        }
        try {
            node.process.onWake(node);
        } catch (RuntimeException e) {
            throw nodeFailed(node, "waking", e);
        }
        releaseDeferred(node);
    }

    /** Runs what waited for a paused or sleeping node, in arrival order, before anything newer. */
    private void releaseDeferred(SimNode node) {
        List<Event> waiting = new ArrayList<>(node.deferred);
        node.deferred.clear();
        for (Event event : waiting) {
            event.fire(this);
        }
    }

    /**
     * Splits the servers into groups that cannot reach each other. Servers in no group form one
     * more group together. Replaces any earlier grouping; one-way cuts stay.
     */
    public void partition(List<? extends Collection<NodeId>> groups) {
        int[] groupOf = new int[nodes.length];
        List<Object> traced = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            List<Object> names = new ArrayList<>();
            for (NodeId id : groups.get(g)) {
                SimNode node = server(id);
                if (groupOf[node.index] != 0) {
                    throw new IllegalArgumentException("node " + id + " is in two partition groups");
                }
                groupOf[node.index] = g + 1;
                names.add(id.name());
            }
            traced.add(names);
        }
        network.partition(groupOf);
        record("partition", "groups", traced);
        if (secureLinks != null) {
            secureLinks.partitionsChanged();
        }
    }

    /** Stops messages from every node of {@code from} to every node of {@code to}, one way only. */
    public void cut(Collection<NodeId> from, Collection<NodeId> to) {
        List<Object> fromNames = new ArrayList<>();
        List<Object> toNames = new ArrayList<>();
        for (NodeId f : from) {
            fromNames.add(f.name());
        }
        for (NodeId t : to) {
            toNames.add(t.name());
        }
        for (NodeId f : from) {
            for (NodeId t : to) {
                network.cut(server(f), server(t));
            }
        }
        record("cut", "from", fromNames, "to", toNames);
        if (secureLinks != null) {
            secureLinks.partitionsChanged();
        }
    }

    /** Removes every partition and one-way cut. */
    public void heal() {
        network.heal();
        record("heal");
    }

    public LinkModel defaultLink() {
        return network.defaultLink();
    }

    /** Changes the link model of every link that has no override of its own. */
    public void setDefaultLink(LinkModel link) {
        network.setDefaultLink(link);
        record("network", networkFields(link));
    }

    /** The fields of the {@code network} trace record that a change to {@code link} writes. */
    public static Object[] networkFields(LinkModel link) {
        return new Object[] {"latency", link.latency().toString(), "loss", link.loss(),
                "duplicate", link.duplicate(), "reorder", link.reorder()};
    }

    /** Sets a node's clock offset (a jump; readings still never go backward). */
    public void setClockOffset(NodeId id, long offsetMicros) {
        SimNode node = server(id);
        node.clock.setOffsetMicros(offsetMicros);
        record("clock", "node", id.name(), "offset", offsetMicros, "drift", node.clock.driftPpm());
    }

    public long clockOffset(NodeId id) {
        return server(id).clock.offsetMicros();
    }

    public long clockDrift(NodeId id) {
        return server(id).clock.driftPpm();
    }

    public void setClockDrift(NodeId id, long driftPpm) {
        SimNode node = server(id);
        node.clock.setDriftPpm(now, driftPpm);
        record("clock", "node", id.name(), "offset", node.clock.offsetMicros(), "drift", driftPpm);
    }

    /**
     * The node's own clock now, as its code would read it. Only a look: it does not count as a
     * reading, so inspecting a run never changes how the node's clock holds after a backward skew.
     */
    public long localTime(NodeId id) {
        return node(id).clock.peek(now);
    }

    // ---------------------------------------------------------------- the seam, called by SimNode

    void send(SimNode from, NodeId toId, Message message) {
        messages.send(from, toId, message);
    }

    void deliver(Delivery delivery) {
        messages.deliver(delivery);
    }

    TimerId setTimer(SimNode node, String name, long virtualDelayMicros) {
        TimerId timer = new TimerId(++nextTimerId, name);
        TimerFire fire = new TimerFire(node, node.incarnation, timer);
        timers.put(timer.id(), fire);
        schedule(now + virtualDelayMicros, fire);
        return timer;
    }

    void cancelTimer(SimNode node, TimerId timer) {
        TimerFire pending = timers.remove(timer.id());
        if (pending != null && pending.node != node) {
            timers.put(timer.id(), pending);   // another node's timer: not this node's to cancel
        } else if (pending != null) {
            pending.cancelled = true;
        }
    }

    void fireTimer(TimerFire fire) {
        if (fire.cancelled) {
            return;   // already out of the table: asking it again would walk a whole run
        }
        SimNode node = fire.node;
        if (node.incarnation != fire.incarnation || node.status == NodeStatus.DOWN) {
            timers.remove(fire.timer.id());
            return;
        }
        if (node.status == NodeStatus.PAUSED || node.status == NodeStatus.ASLEEP) {
            node.deferred.add(fire);
            return;
        }
        if (timers.remove(fire.timer.id()) == null) {
            return;   // cancelled
        }
        if (trace.enabled()) {
            trace.record(now, "timer", "node", node.id.name(), "timer", fire.timer.name(), "id", fire.timer.id());
        }
        if (node.energy != null) {
            energyHandled(node, -1);
        }
        try {
            node.process.onTimer(node, fire.timer);
        } catch (RuntimeException e) {
            throw nodeFailed(node, "timer " + fire.timer.name(), e);
        }
    }

    // ---------------------------------------------------------------- energy

    /** A handler is about to run on a node with an energy supply. */
    void energyHandled(SimNode node, int bytesIn) {
        if (node.energy.handled(now, bytesIn) && node.energyCheckAt > now) {
            checkNow(node);
        }
    }

    void energySent(SimNode node, int bytes) {
        if (node.energy.sent(now, bytes) && node.energyCheckAt > now) {
            checkNow(node);
        }
    }

    /** The node's link layer worked outside any handler (a handshake): CPU time and bytes received. */
    void energyLinkWork(SimNode node, long cpuMicros, int bytesIn) {
        if (node.energy.linkWork(now, cpuMicros, bytesIn) && node.energyCheckAt > now) {
            checkNow(node);
        }
    }

    /** A check right after the current event, superseding the one scheduled. */
    private void checkNow(SimNode node) {
        node.energyGeneration++;
        node.energyCheckAt = now;
        schedule(now, new EnergyCheck(node, node.energyGeneration));
    }

    private void scheduleEnergyCheck(SimNode node) {
        long at = node.energy.nextCheck(now);
        node.energyGeneration++;
        node.energyCheckAt = at;
        if (at != Long.MAX_VALUE) {
            schedule(Math.max(at, now), new EnergyCheck(node, node.energyGeneration));
        }
    }

    void checkEnergy(EnergyCheck check) {
        SimNode node = check.node;
        if (check.generation != node.energyGeneration) {
            return;   // superseded by a sooner check
        }
        EnergySupply.Verdict verdict = node.energy.check(now);
        if (trace.enabled()) {
            PowerView view = node.energy.view();
            trace.record(now, "energy", "node", node.id.name(), "soc", view.stateOfCharge(), "harvest", view.harvestWatts(),
                    "load", node.energy.loadWatts());
        }
        switch (verdict) {
            case BROWN_OUT -> {
                if (node.status != NodeStatus.DOWN) {
                    record("brown-out", "node", node.id.name(), "soc", node.energy.view().stateOfCharge());
                    crash(node.id);
                    node.brownedOut = true;
                }
            }
            case RECOVERED -> {
                if (node.brownedOut) {
                    node.brownedOut = false;
                    record("power-restored", "node", node.id.name(), "soc", node.energy.view().stateOfCharge());
                    start(node, "restart");
                }
            }
            case MODE_CHANGED -> {
                if (node.status == NodeStatus.UP) {
                    try {
                        node.process.onPowerChange(node);
                    } catch (RuntimeException e) {
                        throw nodeFailed(node, "a power change", e);
                    }
                }
            }
            case NONE -> {
                // nothing to act on
            }
        }
        scheduleEnergyCheck(node);
    }

    void note(SimNode node, String event, String detail) {
        record("note", "node", node.id.name(), "event", event, "detail", detail);
    }

    // ---------------------------------------------------------------- internals

    private void start(SimNode node, String kind) {
        node.boot();
        record(kind, "node", node.id.name(), "incarnation", node.incarnation);
        if (node.energy != null) {
            node.energy.powered(now, true);
            scheduleEnergyCheck(node);
        }
        try {
            node.process.onStart(node);
        } catch (RuntimeException e) {
            throw nodeFailed(node, "start", e);
        }
    }

    void schedule(long time, Event event) {
        queue.add(time, seq++, event);
    }

    private void record(String type, Object... fields) {
        if (trace.enabled()) {
            trace.record(now, type, fields);
        }
    }

    SimulationException nodeFailed(SimNode node, String what, RuntimeException cause) {
        return new SimulationException("node " + node.id + " threw at " + now + "us while " + what + ": " + cause, cause);
    }

    private SimNode node(NodeId id) {
        SimNode node = byId.get(id);
        if (node == null) {
            throw new IllegalArgumentException("no node named " + id);
        }
        return node;
    }

    private SimNode server(NodeId id) {
        SimNode node = node(id);
        if (node.client) {
            throw new IllegalArgumentException(id + " is a client; faults apply to server nodes only");
        }
        return node;
    }
}
