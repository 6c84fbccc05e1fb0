package io.mycel.node.tasks;

import io.mycel.node.api.NodeContext;
import java.nio.ByteBuffer;

/**
 * The demonstration task: counts the work it was given. A {@link Tick} adds one, a {@link Bump} its
 * amount; the version is the number of messages handled over the task's whole history, carried
 * across checkpoints. With a crash rate above 0, each message crashes the task with that chance,
 * so restarts happen.
 */
public final class CounterTask implements TaskBehaviour {

    /** A unit of periodic work. */
    public record Tick() {
    }

    public record Bump(long amount) {
    }

    private final double crashRate;
    private long version;
    private long count;

    public CounterTask(double crashRate) {
        this.crashRate = crashRate;
    }

    @Override
    public void restore(Checkpoint from) {
        version = from.version();
        byte[] state = from.state();
        count = state.length == Long.BYTES ? ByteBuffer.wrap(state).getLong() : 0;
    }

    @Override
    public void handle(NodeContext ctx, Object message) {
        if (crashRate > 0 && ctx.random().chance(crashRate)) {
            throw new IllegalStateException("the task crashed (crash rate " + crashRate + ")");
        }
        if (message instanceof Tick) {
            count++;
        } else if (message instanceof Bump b) {
            count += b.amount();
        }
        version++;
    }

    @Override
    public Checkpoint checkpoint() {
        return new Checkpoint(version, ByteBuffer.allocate(Long.BYTES).putLong(count).array());
    }

    public long count() {
        return count;
    }
}
