package io.mycel.node.registry;

import io.mycel.node.api.NodeContext;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import io.mycel.node.api.MalformedMessageException;

/**
 * A node's own side of the registry: which incarnation it is, the numbers of its tasks, and whether
 * the names its earlier incarnations' tasks held have been released.
 *
 * <p>The incarnation is counted in the durable store and synced at start, before any task exists,
 * so no two lives of a node share one. A node that has lived before asks the table to purge its
 * earlier lives at start; a first start has nothing to release. It need not wait for that purge to
 * take or give up names: any command from its new life purges the earlier ones as it applies
 * ({@link NameRegistry}), so the purge is only for the names it never touches again.
 *
 * <p>It announces the release for the lab's history: {@value #PURGE_EVENT} when it starts to
 * release (at start), {@value #PURGED_EVENT} when it has seen the release applied; both name the
 * owner, {@code node#incarnation}.
 */
public final class RegistryMember {

    public static final String INCARNATION_KEY = "registry/incarnation";
    public static final String PURGE_EVENT = "registry-purge";
    public static final String PURGED_EVENT = "registry-purged";

    private final boolean releaseOnRestart;
    private Owner owner;
    private long lastTask;
    private boolean released;

    /** @param releaseOnRestart false plants a bug: a restarted node leaves its dead tasks' names registered */
    public RegistryMember(boolean releaseOnRestart) {
        this.releaseOnRestart = releaseOnRestart;
    }

    /** Counts this start as a new incarnation, durably; true when earlier ones need releasing. */
    public boolean start(NodeContext ctx) {
        long previous = 0;
        byte[] stored = ctx.storage().get(INCARNATION_KEY);
        if (stored != null) {
            try {
                previous = new WireReader(stored).readVarLong();
            } catch (MalformedMessageException e) {
                throw new IllegalStateException("corrupt " + INCARNATION_KEY + " in the node's store", e);
            }
        }
        owner = new Owner(ctx.self(), previous + 1);
        ctx.storage().put(INCARNATION_KEY, new WireWriter(10).writeVarLong(owner.incarnation()).toByteArray());
        ctx.storage().sync();
        lastTask = 0;
        released = previous == 0 || !releaseOnRestart;
        if (!released) {
            ctx.emit(PURGE_EVENT, owner.toString());
        }
        return !released;
    }

    public Owner owner() {
        return owner;
    }

    /** A new task of this incarnation. */
    public Registration newTask() {
        return new Registration(owner, ++lastTask);
    }

    /** Notes the release once the table, as this node applied it, has purged the earlier lives. */
    public void observe(NodeContext ctx, NameRegistry table) {
        if (!released && table.incarnation(owner.node()) >= owner.incarnation()) {
            released = true;
            ctx.emit(PURGED_EVENT, owner.toString());
        }
    }
}
