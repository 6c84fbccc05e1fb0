package io.mycel.node.energy;

import io.mycel.node.api.DurableStore;
import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.TimerId;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.energy.EnergyGovernor.WorkClass;
import java.util.TreeMap;

/**
 * A node's background work as a demand-driven pipeline, in the manner of GenStage: producers submit
 * jobs, and one consumer pulls a job only when it has demand, here one job per {@code pace} and
 * only as the energy budget allows. Critical jobs run at once. Normal jobs are pulled at the pace,
 * slowed by the governor while the node is low. Deferrable jobs are pulled only while the node is not
 * low: on a low battery they wait, and the pipeline resumes them when {@link #onPowerChange} says the
 * energy is back (the sun came up).
 *
 * <p>Queued jobs are durable (written and synced when submitted), so a brown-out delays deferred work
 * but does not lose it; a job runs at least once, since the worker's writes and the job's removal are
 * synced together after it runs. The pipeline emits {@code work-queued} ({@code id class kind}) and
 * {@code work-done} ({@code id class kind}), which the lab's {@code work-completes} check reads.
 */
public final class WorkPipeline {

    /** The timer the pipeline pulls on; hand it to {@link #onTimer}. */
    public static final String TIMER = "work-pipeline";

    /** Runs one job. Its durable writes are synced with the job's removal. */
    @FunctionalInterface
    public interface Worker {
        void run(NodeContext ctx, Job job);
    }

    public record Job(long id, WorkClass work, String kind) {
        String detail() {
            return id + " " + work.name().toLowerCase(java.util.Locale.ROOT) + " " + kind;
        }
    }

    private final EnergyGovernor governor;
    private final long paceMicros;
    private final String prefix;
    private final Worker worker;
    /** Queued normal and deferrable jobs by id, oldest first. */
    private final TreeMap<Long, Job> queued = new TreeMap<>();
    private long lastId;
    private TimerId timer;

    /**
     * @param paceMicros the time between two jobs pulled at full power
     * @param prefix storage keys of this pipeline start with it
     */
    public WorkPipeline(EnergyGovernor governor, long paceMicros, String prefix, Worker worker) {
        if (paceMicros < 1) {
            throw new IllegalArgumentException("a pace of at least 1us, got " + paceMicros);
        }
        this.governor = governor;
        this.paceMicros = paceMicros;
        this.prefix = prefix;
        this.worker = worker;
    }

    /** Takes back the jobs queued before a restart and starts pulling. Call from {@code onStart}. */
    public void onStart(NodeContext ctx) {
        queued.clear();
        timer = null;
        DurableStore store = ctx.storage();
        byte[] last = store.get(prefix + "last-id");
        lastId = last == null ? 0 : decodeLastId(last);
        for (String key : store.keys().subSet(prefix + "job/", prefix + "job0")) {
            Job job = decodeJob(store.get(key));
            queued.put(job.id(), job);
        }
        arm(ctx);
    }

    /** Submits a job: a critical one runs now, others wait their turn. Returns its id. */
    public long submit(NodeContext ctx, WorkClass work, String kind) {
        Job job = new Job(++lastId, work, kind);
        DurableStore store = ctx.storage();
        store.put(prefix + "last-id", new WireWriter(10).writeVarLong(lastId).toByteArray());
        ctx.emit("work-queued", job.detail());
        if (work == WorkClass.CRITICAL) {
            runJob(ctx, job);
            return job.id();
        }
        store.put(key(job.id()), new WireWriter(16 + kind.length()).writeVarLong(job.id()).writeByte(work.ordinal())
                .writeString(kind).toByteArray());
        store.sync();
        queued.put(job.id(), job);
        arm(ctx);
        return job.id();
    }

    /** The energy state changed: deferred work may resume, or normal work change pace. */
    public void onPowerChange(NodeContext ctx) {
        if (timer != null) {
            ctx.cancelTimer(timer);
            timer = null;
        }
        arm(ctx);
    }

    /** Handles the pipeline's timer; false for any other timer. */
    public boolean onTimer(NodeContext ctx, TimerId fired) {
        if (!fired.name().equals(TIMER)) {
            return false;
        }
        timer = null;
        Job next = nextRunnable(ctx);
        if (next != null) {
            queued.remove(next.id());
            ctx.storage().delete(key(next.id()));
            runJob(ctx, next);
        }
        arm(ctx);
        return true;
    }

    /** Jobs waiting, of every class. */
    public int queuedCount() {
        return queued.size();
    }

    private void runJob(NodeContext ctx, Job job) {
        worker.run(ctx, job);
        ctx.storage().sync();
        ctx.emit("work-done", job.detail());
    }

    /** The oldest normal job, else the oldest deferrable one if the energy allows; null when none may run. */
    private Job nextRunnable(NodeContext ctx) {
        Job deferrable = null;
        for (Job job : queued.values()) {
            if (job.work() == WorkClass.NORMAL) {
                return job;
            }
            if (deferrable == null) {
                deferrable = job;
            }
        }
        return deferrable != null && governor.mayRun(ctx.power(), WorkClass.DEFERRABLE) ? deferrable : null;
    }

    /** Sets the pull timer for the next runnable job, at the pace its class has now. */
    private void arm(NodeContext ctx) {
        if (timer != null) {
            return;
        }
        Job next = nextRunnable(ctx);
        if (next == null) {
            return;   // nothing, or only deferred work on a low battery: onPowerChange re-arms
        }
        long wait = governor.period(ctx.power(), next.work(), paceMicros);
        if (wait != EnergyGovernor.PAUSED) {
            timer = ctx.setTimer(TIMER, wait);
        }
    }

    private String key(long id) {
        // Zero-padded, so the store's sorted keys give the jobs in id order.
        return prefix + "job/" + String.format("%019d", id);
    }

    private static Job decodeJob(byte[] bytes) {
        try {
            WireReader in = new WireReader(bytes);
            long id = in.readVarLong();
            int work = in.readByte();
            if (work < 0 || work >= WorkClass.values().length) {
                throw new MalformedMessageException("work class " + work);
            }
            return new Job(id, WorkClass.values()[work], in.readString(1_000));
        } catch (MalformedMessageException e) {
            throw new IllegalStateException("a stored job is corrupt: " + e.getMessage(), e);
        }
    }

    private static long decodeLastId(byte[] bytes) {
        try {
            return new WireReader(bytes).readVarLong();
        } catch (MalformedMessageException e) {
            throw new IllegalStateException("the stored last job id is corrupt: " + e.getMessage(), e);
        }
    }
}
