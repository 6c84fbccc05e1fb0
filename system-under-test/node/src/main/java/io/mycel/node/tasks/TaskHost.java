package io.mycel.node.tasks;

import io.mycel.node.api.NodeContext;
import io.mycel.node.api.TimerId;
import java.util.ArrayDeque;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The lightweight tasks of one node, scheduled cooperatively on the node's single event loop: each
 * task has a bounded mailbox; tasks with mail wait in a run queue, and one scheduling turn (a
 * zero-delay timer, {@value #RUN_TIMER}) handles up to a batch of messages, one per task in turn,
 * then yields so the node's protocols keep running between turns. An idle task costs its state and
 * a few fields: no timer, no thread, no mailbox array until mail arrives.
 *
 * <p>Restarts are one-for-one: a task whose handler throws is restarted alone, from the last
 * checkpoint taken of it here (or the one it was started from), with an empty mailbox, unless it
 * already restarted as often as the policy allows within its window; then it is given up.
 */
public final class TaskHost {

    public static final String RUN_TIMER = "tasks.run";

    /** What the host tells its owner about a task's life. */
    public interface Listener {
        /** The task crashed and was restarted from {@code from}. */
        default void restarted(NodeContext ctx, String name, Checkpoint from) {
        }

        /** The task crashed more often than the policy allows and was given up. */
        default void gaveUp(NodeContext ctx, String name) {
        }
    }

    private static final class Task {
        final String name;
        TaskBehaviour behaviour;
        ArrayDeque<Object> mailbox;
        ArrayDeque<Long> restarts;
        Checkpoint saved;
        boolean queued;

        Task(String name, TaskBehaviour behaviour, Checkpoint saved) {
            this.name = name;
            this.behaviour = behaviour;
            this.saved = saved;
        }
    }

    private final RestartPolicy policy;
    private final Function<String, TaskBehaviour> factory;
    private final Listener listener;
    private final TreeMap<String, Task> tasks = new TreeMap<>();
    private final ArrayDeque<Task> runQueue = new ArrayDeque<>();
    private boolean turnScheduled;
    private long refused;
    private long restartsDone;

    public TaskHost(RestartPolicy policy, Function<String, TaskBehaviour> factory, Listener listener) {
        this.policy = policy;
        this.factory = factory;
        this.listener = listener;
    }

    /** Starts a task from a checkpoint; false if one of that name already runs here. */
    public boolean start(String name, Checkpoint from) {
        if (tasks.containsKey(name)) {
            return false;
        }
        TaskBehaviour behaviour = factory.apply(name);
        behaviour.restore(from);
        tasks.put(name, new Task(name, behaviour, from));
        return true;
    }

    /** Stops a task, returning its state now; null if no such task runs here. */
    public Checkpoint stop(String name) {
        Task task = tasks.remove(name);
        if (task == null) {
            return null;
        }
        runQueue.remove(task);
        return task.behaviour.checkpoint();
    }

    public boolean runs(String name) {
        return tasks.containsKey(name);
    }

    /** The names of the tasks running here, in order. */
    public List<String> names() {
        return List.copyOf(tasks.keySet());
    }

    public int size() {
        return tasks.size();
    }

    /**
     * Takes a checkpoint of the task and keeps it as the one a crash restarts from; null if no such
     * task runs here.
     */
    public Checkpoint checkpoint(String name) {
        Task task = tasks.get(name);
        if (task == null) {
            return null;
        }
        task.saved = task.behaviour.checkpoint();
        return task.saved;
    }

    /**
     * The checkpoint a crash of the task would restart it from: the last one taken here, or the one
     * it started from; null if no such task runs here.
     */
    public Checkpoint saved(String name) {
        Task task = tasks.get(name);
        return task == null ? null : task.saved;
    }

    /** Puts a message in the task's mailbox; false (and counted) when there is no such task or its mailbox is full. */
    public boolean deliver(NodeContext ctx, String name, Object message) {
        Task task = tasks.get(name);
        if (task == null || task.mailbox != null && task.mailbox.size() >= policy.mailboxLimit()) {
            refused++;
            return false;
        }
        if (task.mailbox == null) {
            task.mailbox = new ArrayDeque<>(4);
        }
        task.mailbox.addLast(message);
        if (!task.queued) {
            task.queued = true;
            runQueue.addLast(task);
        }
        if (!turnScheduled) {
            turnScheduled = true;
            ctx.setTimer(RUN_TIMER, 0);
        }
        return true;
    }

    /** Puts the message in every task's mailbox (a tick, say); returns how many were refused. */
    public int deliverToAll(NodeContext ctx, Object message) {
        int refusedNow = 0;
        for (String name : tasks.keySet()) {
            if (!deliver(ctx, name, message)) {
                refusedNow++;
            }
        }
        return refusedNow;
    }

    /** One scheduling turn ({@value #RUN_TIMER}): up to a batch of messages, one per task in turn. */
    public void onTimer(NodeContext ctx, TimerId timer) {
        turnScheduled = false;
        for (int handled = 0; handled < policy.batch() && !runQueue.isEmpty(); handled++) {
            Task task = runQueue.pollFirst();
            Object message = task.mailbox.pollFirst();
            try {
                task.behaviour.handle(ctx, message);
            } catch (RuntimeException crash) {
                crashed(ctx, task);
                continue;
            }
            if (task.mailbox.isEmpty()) {
                task.queued = false;
                task.mailbox = null;   // an idle task holds no mailbox array
            } else {
                runQueue.addLast(task);
            }
        }
        if (!runQueue.isEmpty()) {
            turnScheduled = true;
            ctx.setTimer(RUN_TIMER, 0);
        }
    }

    private void crashed(NodeContext ctx, Task task) {
        long now = ctx.nowMicros();
        if (task.restarts == null) {
            task.restarts = new ArrayDeque<>();
        }
        while (!task.restarts.isEmpty() && task.restarts.peekFirst() <= now - policy.windowMicros()) {
            task.restarts.pollFirst();
        }
        task.mailbox = null;
        task.queued = false;
        if (task.restarts.size() >= policy.maxRestarts()) {
            tasks.remove(task.name);
            listener.gaveUp(ctx, task.name);
            return;
        }
        task.restarts.addLast(now);
        restartsDone++;
        task.behaviour = factory.apply(task.name);
        task.behaviour.restore(task.saved);
        listener.restarted(ctx, task.name, task.saved);
    }

    /** Messages refused: to no such task, or to a full mailbox. */
    public long refused() {
        return refused;
    }

    public long restarts() {
        return restartsDone;
    }
}
