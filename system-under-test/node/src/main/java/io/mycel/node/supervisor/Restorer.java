package io.mycel.node.supervisor;

import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.TimerId;
import io.mycel.node.registry.Owner;
import io.mycel.node.ring.HashRing;
import io.mycel.node.supervisor.SupervisorMessages.Fetch;
import io.mycel.node.supervisor.SupervisorMessages.Fetched;
import io.mycel.node.supervisor.SupervisorMessages.Release;
import io.mycel.node.supervisor.SupervisorMessages.Released;
import io.mycel.node.tasks.Checkpoint;
import java.util.ArrayList;
import java.util.Set;
import java.util.TreeMap;

/**
 * How a node takes a task over: it claims the task at the task's replicas with an epoch above any
 * it has seen, reading their checkpoints in the same step; once a quorum granted the claim it asks
 * a live holder, if any, to hand the task over (and then claims again, so the start rests on a
 * fresh read); and it confirms by saving the state to start from at the claim's epoch. The task
 * starts when a quorum took that save (the {@link Supervisor} counts it), and not at all if the
 * claim was outbid meanwhile: a read answered before a pause, or before a newer claim, can never
 * start a task.
 */
final class Restorer {

    static final String FETCH_TIMER = "sup.fetch";
    static final String RELEASE_TIMER = "sup.release";
    static final String RETRY_TIMER = "sup.retry";
    /** Claims a restore makes at once when outbid, before it waits for the next round. */
    static final int IMMEDIATE_CLAIMS = 3;

    /** What the restorer needs of its supervisor. */
    interface Host {
        /** Saves {@code from} at the claim's epoch; the task starts once a quorum took it. */
        void confirm(NodeContext ctx, String task, Checkpoint from, long epoch, long restoreRpc);

        boolean isAlive(Owner owner);

        /** The tasks this node owns now. */
        Set<String> owned();
    }

    /** A restore being confirmed: the state it starts from, its epoch and where the state came from. */
    record Confirming(Checkpoint state, long epoch, String source) {
    }

    /** A restore in progress: the replicas' answers so far, then the release it waits for. */
    private static final class Restore {
        final long rpc;
        final long epoch;
        final Handover carried;
        final int attempt;
        TimerId timer;
        int answers;
        Checkpoint best = Checkpoint.EMPTY;
        Owner holder;
        long holderVersion = -1;
        boolean releasing;
        /** Set once the claim is being confirmed. */
        Confirming confirming;

        Restore(long rpc, long epoch, Handover carried, int attempt) {
            this.rpc = rpc;
            this.epoch = epoch;
            this.carried = carried;
            this.attempt = attempt;
        }
    }

    /**
     * What an earlier round of a restore leaves the next: the state a holder handed over (null if it
     * handed nothing), the node it came from, and the holder not to ask again (it released the task,
     * or did not answer and is believed dead).
     */
    private record Handover(Checkpoint state, String from, Owner done) {
    }

    private final TasksConfig config;
    private final CheckpointReplica replica;
    private final HashRing replicaRing;
    private final Owner self;
    private final Host host;
    private final TreeMap<String, Restore> restores = new TreeMap<>();
    private final TreeMap<Long, String> byTimer = new TreeMap<>();
    /** The highest claim epoch seen of each task, so the next claim outbids it. */
    private final TreeMap<String, Long> seenEpochs = new TreeMap<>();
    private long rpcSeq;
    private boolean retryScheduled;

    Restorer(TasksConfig config, CheckpointReplica replica, HashRing replicaRing, Owner self, Host host) {
        this.config = config;
        this.replica = replica;
        this.replicaRing = replicaRing;
        this.self = self;
        this.host = host;
    }

    boolean restoring(String task) {
        return restores.containsKey(task);
    }

    /** Gives up the restores of tasks this node no longer owns. */
    void dropAllBut(NodeContext ctx, Set<String> owned) {
        for (String task : new ArrayList<>(restores.keySet())) {
            if (!owned.contains(task)) {
                drop(ctx, task);
            }
        }
    }

    void begin(NodeContext ctx, String task) {
        begin(ctx, task, null, 0);
    }

    private void begin(NodeContext ctx, String task, Handover carried, int attempt) {
        long rpc = ++rpcSeq;
        long epoch = seenEpochs.getOrDefault(task, 0L) + 1;
        seenEpochs.put(task, epoch);
        Restore restore = new Restore(rpc, epoch, carried, attempt);
        restores.put(task, restore);
        arm(ctx, task, restore, FETCH_TIMER, config.fetchTimeoutMicros());
        for (NodeId node : replicaRing.preferenceList(task, config.replicas())) {
            if (node.equals(ctx.self())) {
                CheckpointReplica.ClaimOutcome claim = replica.claim(ctx, task, self, epoch);
                fetched(ctx, task, rpc, claim.before().checkpoint(), claim.before().holder(), claim.before().epoch(),
                        claim.granted());
                if (restores.get(task) != restore) {
                    return;   // decided on the local answer alone
                }
            } else {
                ctx.send(node, new Fetch(rpc, task, self, epoch));
            }
        }
    }

    /** Sets the restore's one timer (cancelling the one before). */
    private void arm(NodeContext ctx, String task, Restore restore, String name, long delayMicros) {
        if (restore.timer != null) {
            ctx.cancelTimer(restore.timer);
            byTimer.remove(restore.timer.id());
        }
        restore.timer = ctx.setTimer(name, delayMicros);
        byTimer.put(restore.timer.id(), task);
    }

    void drop(NodeContext ctx, String task) {
        Restore restore = restores.remove(task);
        if (restore != null && restore.timer != null) {
            ctx.cancelTimer(restore.timer);
            byTimer.remove(restore.timer.id());
        }
    }

    void onFetched(NodeContext ctx, Fetched m) {
        fetched(ctx, m.task(), m.rpc(), new Checkpoint(m.version(), m.state()), m.holder(), m.epoch(), m.granted());
    }

    private void fetched(NodeContext ctx, String task, long rpc, Checkpoint checkpoint, Owner holder, long epoch,
                         boolean granted) {
        seenEpochs.merge(task, epoch, Math::max);
        Restore restore = restores.get(task);
        if (restore == null || restore.rpc != rpc || restore.releasing || restore.confirming != null
                || restore.answers >= config.quorum()) {
            return;
        }
        if (!granted) {
            // outbid by another claim: claim again above it at once, a few times (after a failover
            // the first claim meets the dead holder's epoch), then wait for the next round
            drop(ctx, task);
            if (restore.attempt + 1 < IMMEDIATE_CLAIMS) {
                begin(ctx, task, restore.carried, restore.attempt + 1);
            } else {
                retryLater(ctx);
            }
            return;
        }
        restore.answers++;
        if (checkpoint.version() > restore.best.version()) {
            restore.best = checkpoint;
        }
        // the holder is asked even when membership believes it dead: right after a partition heals,
        // an instance on the other side may still run (and save) before membership learns it is back
        if (holder != null && !holder.node().equals(self.node()) && checkpoint.version() > restore.holderVersion) {
            restore.holder = holder;
            restore.holderVersion = checkpoint.version();
        }
        if (restore.answers < config.quorum()) {
            return;
        }
        Handover carried = restore.carried;
        if (restore.holder == null || carried != null && restore.holder.equals(carried.done())) {
            if (carried != null && carried.state() != null && carried.state().version() >= restore.best.version()) {
                confirm(ctx, task, restore, carried.state(), carried.from());
            } else {
                confirm(ctx, task, restore, restore.best, "quorum");
            }
            return;
        }
        restore.releasing = true;
        arm(ctx, task, restore, RELEASE_TIMER, config.releaseTimeoutMicros());
        ctx.send(restore.holder.node(), new Release(rpc, task));
    }

    private void confirm(NodeContext ctx, String task, Restore restore, Checkpoint from, String source) {
        restore.confirming = new Confirming(from, restore.epoch, source);
        arm(ctx, task, restore, FETCH_TIMER, config.fetchTimeoutMicros());
        host.confirm(ctx, task, from, restore.epoch, restore.rpc);
    }

    /** The restore of {@code task} that the save {@code restoreRpc} confirms, if it still waits for it; else null. */
    Confirming confirming(String task, long restoreRpc) {
        Restore restore = restores.get(task);
        return restore != null && restore.rpc == restoreRpc ? restore.confirming : null;
    }

    void onReleased(NodeContext ctx, NodeId from, Released m) {
        Restore restore = restores.get(m.task());
        if (restore != null && restore.rpc == m.rpc() && restore.releasing) {
            // claim again before starting: the read may be stale by now, the handed state is not
            Handover handed = new Handover(m.running() ? new Checkpoint(m.version(), m.state()) : null, from.name(),
                    restore.holder);
            drop(ctx, m.task());
            begin(ctx, m.task(), handed, 0);
        }
    }

    /** Handles {@link #FETCH_TIMER}, {@link #RELEASE_TIMER} and {@link #RETRY_TIMER}; false for any other timer. */
    boolean onTimer(NodeContext ctx, TimerId timer) {
        if (timer.name().equals(RETRY_TIMER)) {
            retryScheduled = false;
            for (String task : host.owned()) {
                if (!restores.containsKey(task)) {
                    begin(ctx, task);
                }
            }
            return true;
        }
        if (!timer.name().equals(FETCH_TIMER) && !timer.name().equals(RELEASE_TIMER)) {
            return false;
        }
        String task = byTimer.remove(timer.id());
        Restore restore = task == null ? null : restores.get(task);
        if (restore == null || restore.timer == null || restore.timer.id() != timer.id()) {
            return true;
        }
        restore.timer = null;
        if (timer.name().equals(RELEASE_TIMER) && !host.isAlive(restore.holder)) {
            // a holder believed dead did not answer: claim again and start from what a quorum holds;
            // whatever it did since its last quorum checkpoint is lost (if it was only paused, it
            // hands it over too late)
            Handover none = new Handover(null, "quorum", restore.holder);
            drop(ctx, task);
            begin(ctx, task, none, 0);
        } else {
            // no quorum answered, or a holder believed alive did not (its answer may be lost, or it
            // may be dead and not yet known so), or the confirmation did not come: ask again later
            drop(ctx, task);
            retryLater(ctx);
        }
        return true;
    }

    /** Tries again after a fetch timeout, for the restores given up meanwhile (one timer for them all). */
    void retryLater(NodeContext ctx) {
        if (!retryScheduled) {
            retryScheduled = true;
            ctx.setTimer(RETRY_TIMER, config.fetchTimeoutMicros());
        }
    }
}
