package io.mycel.node.supervisor;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.registry.Owner;
import io.mycel.node.tasks.Checkpoint;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a node keeps as one of the replicas of some tasks: each task's newest checkpoint, and the
 * registry entry: the instance holding the task's name and the epoch of its claim. Kept in the
 * durable store and synced before anything is acknowledged, so a replica that crashes comes back
 * with every promise it made.
 *
 * <p>Claims work as Paxos ballots: an instance claims a task with an epoch above any it has seen,
 * and a replica grants a claim only with an epoch above the one it holds. A save is taken only from
 * the holder at the holder's epoch, so once a newer claim is granted, the instance it replaces is
 * fenced off: its saves are refused and it is told to stop. A claim and the read of the checkpoint
 * happen in one step, so an instance that started after a quorum of grants saw every checkpoint a
 * quorum took before, and none can be taken behind it. Duplicates made while a partition split the
 * cluster end the same way once it heals: the older claim's saves are refused.
 *
 * <p>Checkpoints only move forward: a save older than the one held changes nothing.
 */
final class CheckpointReplica {

    static final String KEY_PREFIX = "ckpt/";

    /** A task's record; {@code holder} null and {@code epoch} 0 when no instance claimed it. */
    record Record(Checkpoint checkpoint, Owner holder, long epoch) {
    }

    /** What a save did: the version now held, and whether the saving instance must stop. */
    record SaveOutcome(long storedVersion, boolean stop) {
    }

    /** What a claim found (the record before it), and whether it was granted. */
    record ClaimOutcome(Record before, boolean granted) {
    }

    private final TreeMap<String, Record> records = new TreeMap<>();
    private final boolean fence;

    /** @param fence false plants a bug: saves of a replaced instance are taken, so duplicates never stop */
    CheckpointReplica(boolean fence) {
        this.fence = fence;
    }

    /** Reads back what the store holds; a damaged record is skipped and noted (it was never acknowledged whole). */
    void load(NodeContext ctx) {
        records.clear();
        for (String key : ctx.storage().keys().tailSet(KEY_PREFIX)) {
            if (!key.startsWith(KEY_PREFIX)) {
                break;
            }
            try {
                WireReader in = new WireReader(ctx.storage().get(key));
                long version = in.readVarLong();
                byte[] state = in.readBytes(SupervisorCodec.MAX_STATE_BYTES);
                long epoch = in.readVarLong();
                long incarnation = in.readVarLong();
                Owner holder = incarnation == 0 ? null : new Owner(in.readNodeId(), incarnation);
                records.put(key.substring(KEY_PREFIX.length()), new Record(new Checkpoint(version, state), holder, epoch));
            } catch (MalformedMessageException | IllegalArgumentException e) {
                ctx.emit("ckpt-damaged", key);
            }
        }
    }

    Record get(String task) {
        return records.getOrDefault(task, new Record(Checkpoint.EMPTY, null, 0));
    }

    /** {@code claimant} claims the task at {@code epoch}, before it starts the task. */
    ClaimOutcome claim(NodeContext ctx, String task, Owner claimant, long epoch) {
        Record held = get(task);
        if (epoch == held.epoch() && claimant.equals(held.holder())) {
            return new ClaimOutcome(held, true);   // the same claim again (a repeated message)
        }
        if (epoch <= held.epoch()) {
            return new ClaimOutcome(held, false);
        }
        put(ctx, task, new Record(held.checkpoint(), claimant, epoch), held);
        return new ClaimOutcome(held, true);
    }

    /**
     * Saves a checkpoint that {@code claimant} took holding the task at {@code epoch}. A claimant that
     * no longer holds the task is told to stop, and its checkpoint is not taken; so is a save that
     * names no claimant (every state is saved by the instance holding the task, or not at all).
     */
    SaveOutcome save(NodeContext ctx, String task, Checkpoint checkpoint, Owner claimant, long epoch) {
        Record held = get(task);
        if (claimant == null || fence && !(claimant.equals(held.holder()) && epoch == held.epoch())) {
            return new SaveOutcome(held.checkpoint().version(), true);
        }
        Checkpoint kept = checkpoint.version() > held.checkpoint().version() ? checkpoint : held.checkpoint();
        put(ctx, task, new Record(kept, held.holder(), held.epoch()), held);
        return new SaveOutcome(kept.version(), false);
    }

    /** Keeps the record, syncing it to the store when it changed. */
    private void put(NodeContext ctx, String task, Record record, Record before) {
        if (record.checkpoint() == before.checkpoint() && Objects.equals(record.holder(), before.holder())
                && record.epoch() == before.epoch()) {
            return;
        }
        records.put(task, record);
        WireWriter out = new WireWriter(40 + record.checkpoint().size());
        out.writeVarLong(record.checkpoint().version()).writeBytes(record.checkpoint().state()).writeVarLong(record.epoch());
        if (record.holder() == null) {
            out.writeVarLong(0);
        } else {
            out.writeVarLong(record.holder().incarnation()).writeNodeId(record.holder().node());
        }
        ctx.storage().put(KEY_PREFIX + task, out.toByteArray());
        ctx.storage().sync();
    }

    int size() {
        return records.size();
    }
}
