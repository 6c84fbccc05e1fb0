package io.mycel.node.supervisor;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.TimerId;
import io.mycel.node.registry.Owner;
import io.mycel.node.ring.HashRing;
import io.mycel.node.supervisor.SupervisorMessages.Fetch;
import io.mycel.node.supervisor.SupervisorMessages.Fetched;
import io.mycel.node.supervisor.SupervisorMessages.Release;
import io.mycel.node.supervisor.SupervisorMessages.Released;
import io.mycel.node.supervisor.SupervisorMessages.Save;
import io.mycel.node.supervisor.SupervisorMessages.Saved;
import io.mycel.node.tasks.Checkpoint;
import io.mycel.node.tasks.CounterTask;
import io.mycel.node.tasks.TaskHost;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The distributed supervisor on one node: starts each task spec on the node the ring picks, saves
 * running tasks' checkpoints on their replicas, and moves a task when its owner changes.
 *
 * <p>Two rings. Placement is a ring of the members this node believes alive, so a task moves when
 * its node fails or comes back. Checkpoints live on a ring of every configured node: a task's
 * replicas are the first N nodes of its preference list there, and stay the same through failures.
 * Each replica keeps the task's newest checkpoint and its registry entry: the instance holding it
 * and the epoch of that instance's claim ({@link CheckpointReplica}). Taking a task over is the
 * {@link Restorer}'s: claim at a quorum with a higher epoch, read in the same step, have a live
 * holder hand the task over, and confirm with a save at the new epoch. A checkpoint counts once a
 * quorum took it; an instance whose saves a newer claim fences off stops (a duplicate), which is
 * how the duplicates a partition made are resolved once it heals. This favours never going back
 * over availability: a task whose replicas are mostly out of reach does not start, and waits.
 *
 * <p>Notes: {@code task-specs COUNT} at every start of a node, {@code task-start NAME VERSION SOURCE
 * EPOCH} (source: {@code quorum}, or the node that handed the task over), {@code task-stop NAME
 * VERSION WHY EPOCH} (why: handoff, duplicate, gave-up), {@code task-checkpoint NAME VERSION EPOCH}
 * once a quorum took it.
 */
public final class Supervisor {

    static final String CHECKPOINT_TIMER = "sup.checkpoint";
    static final String TICK_TIMER = "sup.tick";
    public static final String START_NOTE = "task-start";
    public static final String STOP_NOTE = "task-stop";
    public static final String CHECKPOINT_NOTE = "task-checkpoint";
    /** Saves awaiting their quorum that a node keeps track of; older ones are forgotten. */
    static final int MAX_PENDING_SAVES = 65_536;
    /** Handed-over states remembered for repeated release requests. */
    static final int MAX_RELEASED = 4_096;
    public static final String SPECS_NOTE = "task-specs";
    /** An unchanged task's checkpoint is saved again every this many rounds, to confirm its claim. */
    static final int CONFIRM_EVERY_ROUNDS = 4;

    /**
     * A save awaiting its quorum: {@code counts[0]} replicas took it, {@code counts[1]} refused it;
     * {@code restoreRpc} is the restore it confirms, or 0 for a running task's save.
     */
    private record PendingSave(String task, long version, long epoch, int[] counts, long restoreRpc) {
    }

    private final TasksConfig config;
    private final TaskSpecs specs;
    private final TreeMap<Long, PendingSave> saves = new TreeMap<>();
    /** What this node handed over when asked to release a task, for a request repeated after a lost answer. */
    private final TreeMap<String, Checkpoint> released = new TreeMap<>();
    /** The epoch each task running here holds it at. */
    private final TreeMap<String, Long> holding = new TreeMap<>();
    private TaskHost host;
    private CheckpointReplica replica;
    /** What each task running here was last saved at, so an idle task is not saved again. */
    private final TreeMap<String, Long> savedVersions = new TreeMap<>();
    private HashRing placement;
    private HashRing replicaRing;
    private Owner self;
    private long rpcSeq;
    private long checkpointRounds;
    private Restorer restorer;

    /**
     * @param replicaRing the ring of every configured node, or null to build it at start; a host of
     *                    many nodes in one process (a benchmark) shares one, as rings are immutable
     */
    public Supervisor(TasksConfig config, TaskSpecs specs, HashRing replicaRing) {
        this.config = config;
        this.specs = specs;
        this.replicaRing = replicaRing;
    }

    /** Starts this node's supervisor as instance {@code self}, with the ring of the members it believes alive. */
    public void onStart(NodeContext ctx, Owner self, HashRing placement) {
        this.self = self;
        host = new TaskHost(config.policy(), name -> new CounterTask(config.crashRate()), new TaskHost.Listener() {
            @Override
            public void gaveUp(NodeContext c, String name) {
                Long epoch = holding.remove(name);
                c.emit(STOP_NOTE, name + " -1 gave-up " + epoch);
            }
        });
        replica = new CheckpointReplica(config.bug() != TasksBug.NO_DEDUP);
        replica.load(ctx);
        if (replicaRing == null) {
            replicaRing = new HashRing(ctx.members(), config.vnodes());
        }
        restorer = new Restorer(config, replica, replicaRing, self, new Restorer.Host() {
            @Override
            public void confirm(NodeContext c, String task, Checkpoint from, long epoch, long restoreRpc) {
                save(c, task, from, Supervisor.this.self, epoch, restoreRpc);
            }

            @Override
            public boolean isAlive(Owner owner) {
                return Supervisor.this.isAlive(owner);
            }

            @Override
            public java.util.Set<String> owned() {
                return specs.ownedBy(placement, Supervisor.this.self.node());
            }
        });
        ctx.emit(SPECS_NOTE, Integer.toString(specs.count()));
        ctx.setTimer(CHECKPOINT_TIMER, ctx.random().nextLong(1, config.checkpointMicros()));
        if (config.tickMicros() > 0) {
            ctx.setTimer(TICK_TIMER, config.tickMicros());
        }
        membershipChanged(ctx, placement);
    }

    /** The ring of the members this node believes alive (itself included) changed: act on it. */
    public void membershipChanged(NodeContext ctx, HashRing placement) {
        this.placement = placement;
        reconcile(ctx);
    }

    /** The ring of {@code aliveOthers} and this node, as a supervisor places tasks on. */
    public static HashRing placementOf(NodeContext ctx, List<NodeId> aliveOthers, int vnodes) {
        List<NodeId> members = new ArrayList<>(aliveOthers);
        members.add(ctx.self());
        return new HashRing(members, vnodes);
    }

    /** Starts restoring every task this node owns and neither runs nor restores; drops restores of tasks it no longer owns. */
    private void reconcile(NodeContext ctx) {
        TreeSet<String> owned = specs.ownedBy(placement, ctx.self());
        for (String task : owned) {
            if (!host.runs(task) && !restorer.restoring(task)) {
                restorer.begin(ctx, task);
            }
        }
        restorer.dropAllBut(ctx, owned);
    }

    private boolean isAlive(Owner owner) {
        return owner.node().equals(self.node()) ? owner.equals(self) : placement.contains(owner.node());
    }

    /** @param source where the state came from: {@code quorum} (the replicas), or the node that handed it over */
    private void start(NodeContext ctx, String task, Checkpoint from, long epoch, String source) {
        restorer.drop(ctx, task);
        host.start(task, from);
        holding.put(task, epoch);
        savedVersions.put(task, from.version());
        ctx.emit(START_NOTE, task + " " + from.version() + " " + source + " " + epoch);
    }

    /**
     * Sends the checkpoint to the task's replicas, from {@code claimant} holding the task at
     * {@code epoch} (or, claimant null, as a copy that claims nothing); it counts once a quorum took it.
     */
    private void save(NodeContext ctx, String task, Checkpoint checkpoint, Owner claimant, long epoch) {
        save(ctx, task, checkpoint, claimant, epoch, 0);
    }

    private void save(NodeContext ctx, String task, Checkpoint checkpoint, Owner claimant, long epoch, long restoreRpc) {
        long rpc = ++rpcSeq;
        saves.put(rpc, new PendingSave(task, checkpoint.version(), epoch, new int[2], restoreRpc));
        if (saves.size() > MAX_PENDING_SAVES) {
            saves.pollFirstEntry();
        }
        for (NodeId node : replicaRing.preferenceList(task, config.replicas())) {
            if (node.equals(ctx.self())) {
                CheckpointReplica.SaveOutcome outcome = replica.save(ctx, task, checkpoint, claimant, epoch);
                saved(ctx, rpc, task, outcome.storedVersion(), outcome.stop());
            } else {
                ctx.send(node, new Save(rpc, task, checkpoint.version(), checkpoint.state(), claimant, epoch));
            }
        }
    }

    private void saved(NodeContext ctx, long rpc, String task, long storedVersion, boolean stop) {
        PendingSave pending = saves.get(rpc);
        if (pending == null || !pending.task().equals(task)) {
            return;
        }
        Restorer.Confirming confirming = pending.restoreRpc() == 0 ? null : restorer.confirming(task, pending.restoreRpc());
        if (stop) {
            // refused by so many replicas that no quorum can take it: fenced off by a newer claim, so
            // this instance is a duplicate of one elsewhere (a single refusal may be a claim that
            // failed to win a quorum, and proves nothing)
            boolean fenced = ++pending.counts()[1] == config.replicas() - config.quorum() + 1;
            if (fenced && confirming != null) {
                restorer.drop(ctx, task);   // outbid between the claim and its confirmation
                restorer.retryLater(ctx);
            } else if (fenced && pending.restoreRpc() == 0 && host.runs(task) && holding.get(task) == pending.epoch()) {
                Checkpoint last = host.stop(task);
                holding.remove(task);
                ctx.emit(STOP_NOTE, task + " " + last.version() + " duplicate " + pending.epoch());
            }
            return;
        }
        if (storedVersion != pending.version()) {
            return;
        }
        if (++pending.counts()[0] == config.quorum()) {
            saves.remove(rpc);
            if (confirming != null) {
                start(ctx, task, confirming.state(), confirming.epoch(), confirming.source());
            }
            ctx.emit(CHECKPOINT_NOTE, task + " " + pending.version() + " " + pending.epoch());
        }
    }

    public static boolean handles(Message message) {
        return message instanceof SupervisorMessages.SupervisorMessage;
    }

    public void onMessage(NodeContext ctx, NodeId from, Message message) {
        if (message instanceof Save m) {
            CheckpointReplica.SaveOutcome outcome = replica.save(ctx, m.task(), new Checkpoint(m.version(), m.state()),
                    m.holder(), m.epoch());
            ctx.send(from, new Saved(m.rpc(), m.task(), outcome.storedVersion(), outcome.stop()));
        } else if (message instanceof Saved m) {
            saved(ctx, m.rpc(), m.task(), m.storedVersion(), m.stop());
        } else if (message instanceof Fetch m) {
            if (m.claimant() != null) {
                CheckpointReplica.ClaimOutcome claim = replica.claim(ctx, m.task(), m.claimant(), m.epoch());
                Checkpoint held = claim.before().checkpoint();
                ctx.send(from, new Fetched(m.rpc(), m.task(), held.version(), held.state(), claim.before().holder(),
                        claim.before().epoch(), claim.granted()));
            }
        } else if (message instanceof Fetched m) {
            restorer.onFetched(ctx, m);
        } else if (message instanceof Release m) {
            release(ctx, from, m);
        } else if (message instanceof Released m) {
            restorer.onReleased(ctx, from, m);
        }
    }

    /** Another node owns the task now and asks for it: stop it here, save its state and hand it over. */
    private void release(NodeContext ctx, NodeId from, Release request) {
        String task = request.task();
        if (!host.runs(task)) {
            // asked again (the answer was lost): hand over again what was handed over, if anything
            Checkpoint earlier = released.getOrDefault(task, Checkpoint.EMPTY);
            ctx.send(from, new Released(request.rpc(), task, earlier.version(), earlier.state(), false));
            return;
        }
        Checkpoint periodic = host.saved(task);
        Checkpoint now = host.stop(task);
        long epoch = holding.remove(task);
        ctx.emit(STOP_NOTE, task + " " + now.version() + " handoff " + epoch);
        Checkpoint handed = config.bug() == TasksBug.HANDOFF_DROPS_LAST ? periodic : now;
        released.put(task, handed);
        if (released.size() > MAX_RELEASED) {
            released.pollFirstEntry();
        }
        // no save of the handed state here: this instance's claim is already outbid at a quorum, so its
        // replicas would refuse it; the new owner saves it at its own epoch before it starts
        ctx.send(from, new Released(request.rpc(), task, handed.version(), handed.state(), true));
    }

    /** Handles this layer's timers ({@code sup.*}, and the task host's run turns). */
    public void onTimer(NodeContext ctx, TimerId timer) {
        switch (timer.name()) {
            case TaskHost.RUN_TIMER -> host.onTimer(ctx, timer);
            case TICK_TIMER -> {
                host.deliverToAll(ctx, new CounterTask.Tick());
                ctx.setTimer(TICK_TIMER, config.tickMicros());
            }
            case CHECKPOINT_TIMER -> {
                // an idle task is saved only every few rounds: enough to learn it was fenced off
                boolean confirm = ++checkpointRounds % CONFIRM_EVERY_ROUNDS == 0;
                for (String task : host.names()) {
                    Checkpoint now = host.checkpoint(task);
                    if (confirm || !Long.valueOf(now.version()).equals(savedVersions.get(task))) {
                        savedVersions.put(task, now.version());
                        save(ctx, task, now, self, holding.get(task));
                    }
                }
                savedVersions.keySet().retainAll(holding.keySet());
                reconcile(ctx);   // a restore that found no quorum tries again
                ctx.setTimer(CHECKPOINT_TIMER, config.checkpointMicros());
            }
            default -> {
                if (!restorer.onTimer(ctx, timer)) {
                    throw new IllegalArgumentException("not a supervisor timer: " + timer.name());
                }
            }
        }
    }

    /** The tasks running here, in name order. */
    public List<String> running() {
        return host.names();
    }

    /** Where this node believes {@code task} runs: here, or its owner on the placement ring. */
    public NodeId whereis(NodeContext ctx, String task) {
        return host.runs(task) ? ctx.self() : placement.owner(task);
    }

    public TaskHost host() {
        return host;
    }
}
