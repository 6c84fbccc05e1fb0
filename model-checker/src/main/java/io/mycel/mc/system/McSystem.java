package io.mycel.mc.system;

import io.mycel.mc.state.Constant;
import io.mycel.mc.state.GraphCopier;
import io.mycel.mc.state.NodeRenaming;
import io.mycel.mc.state.NotState;
import io.mycel.mc.state.StateEncoder;
import io.mycel.node.api.ClientAdapter;
import io.mycel.node.api.Invariant;
import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.NamedInvariant;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.SeededRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole state of a small system under exploration: every actor's process, store, timers, clock
 * and random stream, the messages in flight, what is left of the fault budget, the invariants' memory
 * (an invariant may remember earlier states, so its memory is part of the state) and the clients'
 * history. {@link #copy()} branches it; {@link #apply} takes one step; {@link #encode} writes what it
 * is, for the explorer to recognise states it has seen.
 */
public final class McSystem {

    @Constant
    private final SystemSpec spec;
    @Constant
    private final MessageCodec codec;
    @Constant
    private final Map<NodeId, Integer> actorIndex;
    @Constant
    private StepListener listener;
    private final Actor[] actors;
    /** In flight, in the order sent. */
    private final ArrayList<Envelope> inFlight = new ArrayList<>();
    private final McHistory history = new McHistory();
    private final Invariant[] invariants;
    private int crashesLeft;
    private int dropsLeft;
    private int duplicatesLeft;
    @NotState
    private long nextSeq;

    private McSystem(SystemSpec spec) {
        this.spec = spec;
        this.codec = spec.program().codec();
        int servers = spec.servers().size();
        this.actors = new Actor[servers + spec.clients().size()];
        Map<NodeId, Integer> index = new HashMap<>();
        for (int i = 0; i < servers; i++) {
            NodeId id = spec.servers().get(i);
            actors[i] = new Actor(this, id, i, true, spec.servers(), new SeededRandom(spec.seed()));
            index.put(id, i);
        }
        ClientAdapter adapter = spec.program().client();
        for (int c = 0; c < spec.clients().size(); c++) {
            ClientSpec cs = spec.clients().get(c);
            int i = servers + c;
            actors[i] = new Actor(this, cs.id(), i, false, spec.servers(),
                    new SeededRandom(spec.seed()).fork("client/" + cs.id().name()));
            actors[i].process = new McClient(c, cs.server(), cs.operations(), adapter.newSession(cs.server()), history);
            if (index.put(cs.id(), i) != null) {
                throw new IllegalArgumentException("two actors named " + cs.id());
            }
        }
        this.actorIndex = Map.copyOf(index);
        this.invariants = new Invariant[spec.invariants().size()];
        for (int i = 0; i < invariants.length; i++) {
            invariants[i] = spec.invariants().get(i).factory().get();
        }
        this.crashesLeft = spec.faults().crashes();
        this.dropsLeft = spec.faults().drops();
        this.duplicatesLeft = spec.faults().duplicates();
    }

    /**
     * The initial state: every server and client started. Returns the system; a violation in the
     * start itself is reported by {@link #startViolation}.
     */
    public static McSystem start(SystemSpec spec, StepListener listener) {
        McSystem system = new McSystem(spec);
        system.listener = listener;
        return system;
    }

    /** Starts every actor; the first violation, or null. Call once, on a fresh system. */
    public Violation startAll() {
        for (Actor a : actors) {
            if (a.server) {
                a.process = spec.program().newProcess(spec.config());
            }
            a.incarnation = 1;
            if (listener != null) {
                listener.started(a.id, 1);
            }
            Violation v = run(a, () -> a.process.onStart(a));
            if (v != null) {
                return v;
            }
        }
        return checkInvariants();
    }

    /** A deep copy that shares nothing mutable with this state and reports to no listener. */
    public McSystem copy() {
        StepListener saved = listener;
        listener = null;
        try {
            return GraphCopier.copy(this);
        } finally {
            listener = saved;
        }
    }

    public void listen(StepListener l) {
        this.listener = l;
    }

    /** Every step possible from this state, in a fixed order. */
    public List<Step> enabledSteps() {
        List<Step> steps = new ArrayList<>();
        for (Envelope e : inFlight) {
            steps.add(new Step.Deliver(e.seq()));
        }
        for (Actor a : actors) {
            if (a.up()) {
                PendingTimer t = a.nextTimer();
                if (t != null) {
                    steps.add(new Step.Fire(a.index, t.id().id()));
                }
            }
        }
        if (dropsLeft > 0) {
            for (Envelope e : inFlight) {
                steps.add(new Step.Drop(e.seq()));
            }
        }
        if (duplicatesLeft > 0) {
            for (Envelope e : inFlight) {
                steps.add(new Step.Duplicate(e.seq()));
            }
        }
        for (Actor a : actors) {
            if (a.server && a.up() && crashesLeft > 0) {
                steps.add(new Step.Crash(a.index));
            } else if (a.server && !a.up()) {
                steps.add(new Step.Restart(a.index));
            }
        }
        return steps;
    }

    /** Takes one step; returns the first property it broke, or null. */
    public Violation apply(Step step) {
        Violation v;
        if (step instanceof Step.Deliver d) {
            v = deliver(takeInFlight(d.seq()));
        } else if (step instanceof Step.Fire f) {
            v = fire(actors[f.actor()], f.timerId());
        } else if (step instanceof Step.Drop d) {
            dropsLeft--;
            Envelope e = takeInFlight(d.seq());
            if (listener != null) {
                listener.dropped(e);
            }
            v = null;
        } else if (step instanceof Step.Duplicate d) {
            duplicatesLeft--;
            Envelope e = envelope(d.seq());
            Envelope copy = new Envelope(nextSeq++, e.from(), e.to(), e.message(), e.bytes());
            inFlight.add(copy);
            if (listener != null) {
                listener.duplicated(e, copy);
            }
            v = null;
        } else if (step instanceof Step.Crash c) {
            crashesLeft--;
            crash(actors[c.actor()]);
            v = null;
        } else {
            v = restart(actors[((Step.Restart) step).actor()]);
        }
        return v != null ? v : checkInvariants();
    }

    private Violation deliver(Envelope e) {
        Actor to = actors[actorIndex.get(e.to())];
        if (listener != null) {
            listener.delivered(e, to.up());
        }
        if (!to.up()) {
            return null;
        }
        return run(to, () -> to.process.onMessage(to, e.from(), e.message()));
    }

    private Violation fire(Actor a, long timerId) {
        PendingTimer t = a.timers.remove(timerId);
        if (t == null) {
            throw new IllegalStateException("no timer " + timerId + " pending on " + a.id);
        }
        a.clock = Math.max(a.clock, t.deadline());
        if (listener != null) {
            listener.fired(a.id, t.id(), a.clock);
        }
        return run(a, () -> a.process.onTimer(a, t.id()));
    }

    private void crash(Actor a) {
        a.process = null;
        a.timers.clear();
        a.store.crash();
        if (listener != null) {
            listener.crashed(a.id);
        }
    }

    private Violation restart(Actor a) {
        a.incarnation++;
        a.process = spec.program().newProcess(spec.config());
        if (listener != null) {
            listener.started(a.id, a.incarnation);
        }
        return run(a, () -> a.process.onStart(a));
    }

    /** Runs a handler; node code that throws is a finding, not a crash of the explorer. */
    private static Violation run(Actor a, Runnable handler) {
        try {
            handler.run();
            return null;
        } catch (RuntimeException e) {
            return new Violation("handler", a.id + " threw " + e);
        }
    }

    private Violation checkInvariants() {
        if (invariants.length == 0) {
            return null;
        }
        int servers = spec.servers().size();
        Process[] processes = new Process[servers];
        long now = 0;
        for (int i = 0; i < servers; i++) {
            processes[i] = actors[i].process;
            now = Math.max(now, actors[i].clock);
        }
        List<Process> view = Arrays.asList(processes);
        for (int i = 0; i < invariants.length; i++) {
            String message = invariants[i].check(now, spec.servers(), view);
            if (message != null) {
                return new Violation(spec.invariants().get(i).name(), message);
            }
        }
        return null;
    }

    void post(Actor from, NodeId to, Message message) {
        byte[] bytes = codec.toBytes(message);
        Message decoded;
        try {
            decoded = codec.fromBytes(bytes);
        } catch (MalformedMessageException e) {
            throw new IllegalStateException("the codec cannot read back the " + message.typeName() + " it wrote: "
                    + e.getMessage(), e);
        }
        if (!actorIndex.containsKey(to)) {
            return;   // no such node in this system: as lost
        }
        Envelope e = new Envelope(nextSeq++, from.id, to, decoded, bytes.length);
        inFlight.add(e);
        if (listener != null) {
            listener.sent(e);
        }
    }

    void emitted(Actor actor, String event, String detail) {
        if (listener != null) {
            listener.emitted(actor.id, event, detail);
        }
    }

    private Envelope takeInFlight(long seq) {
        for (int i = 0; i < inFlight.size(); i++) {
            if (inFlight.get(i).seq() == seq) {
                return inFlight.remove(i);
            }
        }
        throw new IllegalStateException("no message " + seq + " in flight");
    }

    /** The message in flight with sequence number {@code seq}. */
    public Envelope envelope(long seq) {
        for (Envelope e : inFlight) {
            if (e.seq() == seq) {
                return e;
            }
        }
        throw new IllegalStateException("no message " + seq + " in flight");
    }

    public int actorIndex(NodeId id) {
        return actorIndex.get(id);
    }

    /**
     * Writes this state under {@code renaming}: servers in the order of their renamed indices, then
     * clients, then the messages in flight as a multiset, the budgets, the invariants' memory and the
     * history.
     */
    public void encode(StateEncoder out, NodeRenaming renaming) {
        out.reset(renaming);
        int servers = spec.servers().size();
        Actor[] order = new Actor[actors.length];
        for (int i = 0; i < actors.length; i++) {
            order[i < servers && renaming.active() ? renaming.image(i) : i] = actors[i];
        }
        for (Actor a : order) {
            out.writeVarLong(a.up() ? a.incarnation : -a.incarnation);
            out.writeVarLong(a.clock);
            out.writeVarLong(a.nextTimerId);
            out.writeVarLong(a.timers.size());
            for (PendingTimer t : a.timers.values()) {
                out.writeObject(t);
            }
            out.writeObject(a.random);
            out.writeObject(a.store);
            out.writeObject(a.process);
        }
        byte[][] messages = new byte[inFlight.size()][];
        for (int i = 0; i < messages.length; i++) {
            Envelope e = inFlight.get(i);
            messages[i] = out.standalone(new Object[] {e.from(), e.to(), e.message()});
        }
        Arrays.sort(messages, Arrays::compareUnsigned);
        out.writeVarLong(messages.length);
        for (byte[] m : messages) {
            out.writeBytes(m);
        }
        out.writeVarLong(crashesLeft);
        out.writeVarLong(dropsLeft);
        out.writeVarLong(duplicatesLeft);
        for (Invariant inv : invariants) {
            out.writeObject(inv);
        }
        // The history is written with the first client that holds it.
    }

    // Views for checks, goals, reports and traces.

    public SystemSpec spec() {
        return spec;
    }

    public List<NodeId> servers() {
        return spec.servers();
    }

    /** The process of server or client {@code index}, or null while it is down. */
    public Process process(int index) {
        return actors[index].process;
    }

    public NodeId actorId(int index) {
        return actors[index].id;
    }

    public int actorCount() {
        return actors.length;
    }

    /** True for a server, false for a client. */
    public boolean isServer(int index) {
        return actors[index].server;
    }

    public long clock(int index) {
        return actors[index].clock;
    }

    public List<HistoryEvent> history() {
        return history.events();
    }

    public List<Envelope> inFlight() {
        return java.util.Collections.unmodifiableList(inFlight);
    }

    /** The name of the pending timer a {@link Step.Fire} fires. */
    public String timerName(Step.Fire fire) {
        PendingTimer t = actors[fire.actor()].timers.get(fire.timerId());
        return t == null ? "?" : t.id().name();
    }
}
