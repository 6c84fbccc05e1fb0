package io.mycel.scenario.bench;

import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.Process;
import io.mycel.node.api.TimerId;
import io.mycel.node.membership.SwimConfig;
import io.mycel.node.registry.Owner;
import io.mycel.node.ring.HashRing;
import io.mycel.node.supervisor.Supervisor;
import io.mycel.node.supervisor.TaskSpecs;
import io.mycel.node.supervisor.TasksBug;
import io.mycel.node.supervisor.TasksConfig;
import io.mycel.node.supervisor.TasksCodec;
import io.mycel.node.tasks.RestartPolicy;
import io.mycel.sim.LatencyDistribution;
import io.mycel.sim.LinkModel;
import io.mycel.sim.NodeStatus;
import io.mycel.sim.Simulation;
import io.mycel.sim.SimulationBuilder;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * {@code mycel bench tasks}: the distributed supervisor on a large mesh of idle tasks. Every node
 * starts the tasks the ring gives it; then a tenth of the nodes crash, and once membership would
 * have noticed (a fixed detection delay standing in for SWIM, whose full member tables a ten
 * thousand node mesh cannot keep in one process) the survivors take over their tasks from the
 * replicas. Reports the heap per idle task and per node (against a run with one task a node, in the
 * same process: the baseline), and how fast the crashed nodes' tasks restart.
 *
 * <p>The rings are immutable and shared by all nodes, as one process hosts them all.
 */
public final class TasksBench {

    static final String DETECT_TIMER = "bench.detect";

    private TasksBench() {
    }

    /**
     * @param detectMicros from the crash until the survivors act on it
     * @param limitMicros give up waiting for the restores this long after detection
     */
    public record Setup(int nodes, int tasksPerNode, int vnodes, long detectMicros, long limitMicros, long seed) {
    }

    /** A node: the supervisor, told of the crash by a timer instead of by SWIM. */
    private static final class BenchNode implements Process {
        final Supervisor supervisor;
        final HashRing before;
        final HashRing after;
        final long detectAt;

        BenchNode(TasksConfig config, TaskSpecs specs, HashRing replicas, HashRing before, HashRing after, long detectAt) {
            this.supervisor = new Supervisor(config, specs, replicas);
            this.before = before;
            this.after = after;
            this.detectAt = detectAt;
        }

        @Override
        public void onStart(NodeContext ctx) {
            supervisor.onStart(ctx, new Owner(ctx.self(), 1), before);
            if (after != null) {
                ctx.setTimer(DETECT_TIMER, detectAt);
            }
        }

        @Override
        public void onMessage(NodeContext ctx, NodeId from, Message message) {
            if (Supervisor.handles(message)) {
                supervisor.onMessage(ctx, from, message);
            }
        }

        @Override
        public void onTimer(NodeContext ctx, TimerId timer) {
            if (timer.name().equals(DETECT_TIMER)) {
                supervisor.membershipChanged(ctx, after);
            } else {
                supervisor.onTimer(ctx, timer);
            }
        }
    }

    static TasksConfig config(int specs, int vnodes) {
        // idle tasks (no ticks); checkpoints rarely, so the figures are the tasks' own cost
        return new TasksConfig(specs, vnodes, 3, 2, 60_000_000, 0, 500_000, 500_000, 0,
                new RestartPolicy(5, 5_000_000, 64, 256), new SwimConfig(500_000, 150_000, 3, 4, 8, 3), TasksBug.NONE);
    }

    public static void run(PrintStream out, Setup setup) {
        out.printf(Locale.ROOT, "tasks bench: %,d nodes, %,d idle tasks a node (%,d in all), %d virtual nodes, seed %d%n",
                setup.nodes(), setup.tasksPerNode(), (long) setup.nodes() * setup.tasksPerNode(), setup.vnodes(), setup.seed());
        List<NodeId> ids = new ArrayList<>();
        for (int i = 1; i <= setup.nodes(); i++) {
            ids.add(NodeId.of("n" + i));
        }
        HashRing ring = new HashRing(ids, setup.vnodes());
        long baselineHeap = startedHeap(setup, ids, ring, 1);
        long wallStart = System.nanoTime();
        Started run = start(setup, ids, ring, setup.tasksPerNode(), true);
        long startWall = System.nanoTime() - wallStart;
        long heap = usedHeapAfterGc();
        double perTask = (double) (heap - baselineHeap) / ((long) setup.nodes() * (setup.tasksPerNode() - 1));
        out.printf(Locale.ROOT, "  start:    %,d tasks running after %.1fs virtual (%.1fs wall)%n", run.running(), run.startedMicros / 1e6,
                startWall / 1e9);
        out.printf(Locale.ROOT, "  memory:   %.0f bytes a task (heap with %d tasks a node less with 1, over the extra tasks); "
                        + "%.1f KB a node with one task (heap over nodes, simulator included)%n",
                perTask, setup.tasksPerNode(), baselineHeap / 1024.0 / setup.nodes());
        restore(out, setup, run);
    }

    private record Started(Simulation sim, List<BenchNode> nodes, TreeSet<NodeId> crashed, long crashAt, long startedMicros,
                           long expected) {
        long running() {
            long sum = 0;
            for (int i = 0; i < nodes.size(); i++) {
                if (sim.status(NodeId.of("n" + (i + 1))) == NodeStatus.UP) {
                    sum += nodes.get(i).supervisor.running().size();
                }
            }
            return sum;
        }
    }

    /** Starts the mesh and runs it until every task runs; with {@code crash}, the nodes are set to learn of a crash too. */
    private static Started start(Setup setup, List<NodeId> ids, HashRing ring, int tasksPerNode, boolean crash) {
        long specs = (long) setup.nodes() * tasksPerNode;
        TasksConfig config = config((int) specs, setup.vnodes());
        TaskSpecs taskSpecs = new TaskSpecs((int) specs);
        TreeSet<NodeId> crashed = new TreeSet<>();
        for (int i = 9; crash && i < ids.size(); i += 10) {
            crashed.add(ids.get(i));
        }
        List<NodeId> survivors = ids.stream().filter(id -> !crashed.contains(id)).toList();
        HashRing after = crash ? new HashRing(survivors, setup.vnodes()) : null;
        long crashAt = 30_000_000;
        SimulationBuilder b = Simulation.builder(setup.seed(), new LinkModel(new LatencyDistribution.LogNormal(5_000, 40_000), 0, 0, 0));
        List<BenchNode> nodes = new ArrayList<>();
        for (NodeId id : ids) {
            BenchNode node = new BenchNode(config, taskSpecs, ring, ring, after, crashAt + setup.detectMicros());
            nodes.add(node);
            b.node(id, () -> node, new TasksCodec());
        }
        Simulation sim = b.build();
        Started started = new Started(sim, nodes, crashed, crashAt, 0, specs);
        long at = 0;
        while (started.running() < specs && at < crashAt) {
            at += 100_000;
            sim.runUntil(at);
        }
        return new Started(sim, nodes, crashed, crashAt, at, specs);
    }

    private static long startedHeap(Setup setup, List<NodeId> ids, HashRing ring, int tasksPerNode) {
        Started baseline = start(setup, ids, ring, tasksPerNode, false);
        long heap = usedHeapAfterGc();
        if (baseline.running() < 0) {
            throw new IllegalStateException("unreachable: keeps the baseline alive until measured");
        }
        return heap;
    }

    private static void restore(PrintStream out, Setup setup, Started run) {
        Simulation sim = run.sim();
        sim.runUntil(run.crashAt());
        long lost = 0;
        for (NodeId id : run.crashed()) {
            lost += run.nodes().get(Integer.parseInt(id.name().substring(1)) - 1).supervisor.running().size();
            sim.crash(id);
        }
        long detected = run.crashAt() + setup.detectMicros();
        long blocked = blockedOnQuorum(setup, run);
        long target = run.expected() - blocked;
        long wall = System.nanoTime();
        long at = detected;
        long half = -1;
        long all = -1;
        sim.runUntil(detected);
        while (at < detected + setup.limitMicros()) {
            at += 50_000;
            sim.runUntil(at);
            long running = run.running();
            if (half < 0 && running >= run.expected() - blocked - lost / 2) {
                half = at - detected;
            }
            if (running >= target) {
                all = at - detected;
                break;
            }
        }
        out.printf(Locale.ROOT, "  crash:    %,d nodes (a tenth) crash, taking %,d tasks; the survivors learn of it %.1fs later%n",
                run.crashed().size(), lost, setup.detectMicros() / 1e6);
        out.printf(Locale.ROOT, "  restore:  half of them running again %s after detection, all that can be %s (%.1fs wall); "
                        + "%,d tasks wait for their replicas (two of three crashed: a quorum read cannot be had)%n",
                half < 0 ? "not" : String.format(Locale.ROOT, "%.2fs", half / 1e6),
                all < 0 ? "not within the limit" : String.format(Locale.ROOT, "%.2fs", all / 1e6),
                (System.nanoTime() - wall) / 1e9, blocked);
        out.printf(Locale.ROOT, "  messages: %,d in all%n", sim.stats().sent());
    }

    /** Tasks with at least two of their three replicas among the crashed nodes. */
    private static long blockedOnQuorum(Setup setup, Started run) {
        HashRing ring = new HashRing(run.nodes().isEmpty() ? List.of() : allIds(run.nodes().size()), setup.vnodes());
        long blocked = 0;
        for (long i = 1; i <= run.expected(); i++) {
            int down = 0;
            for (NodeId replica : ring.preferenceList(TaskSpecs.name((int) i), 3)) {
                if (run.crashed().contains(replica)) {
                    down++;
                }
            }
            if (down >= 2) {
                blocked++;
            }
        }
        return blocked;
    }

    private static List<NodeId> allIds(int n) {
        List<NodeId> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ids.add(NodeId.of("n" + i));
        }
        return ids;
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
