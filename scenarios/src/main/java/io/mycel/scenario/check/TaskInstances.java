package io.mycel.scenario.check;

import io.mycel.node.api.NodeId;
import io.mycel.scenario.run.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The task instances of a run of the {@code tasks} program, rebuilt from its notes and node events:
 * {@code task-start NAME VERSION} opens an instance on the node, {@code task-stop NAME ...} closes
 * it, and a crash of the node closes all of its instances. {@code task-specs COUNT} tells how many
 * specs there are.
 */
final class TaskInstances {

    static final String SPECS = "task-specs";
    static final String START = "task-start";
    static final String STOP = "task-stop";
    static final String CHECKPOINT = "task-checkpoint";

    /** One instance: on {@code node} from {@code from} until {@code until} (Long.MAX_VALUE: still running). */
    record Instance(String task, NodeId node, long from, long until) {
    }

    final int specs;
    final TreeMap<String, List<Instance>> byTask = new TreeMap<>();

    TaskInstances(RunRecord run) {
        int count = 0;
        TreeMap<NodeId, TreeMap<String, Long>> open = new TreeMap<>();
        List<Object> merged = new ArrayList<>();
        // notes and crashes in time order; at one instant, notes come first (a crash ends what was started)
        int n = 0;
        int e = 0;
        List<RunRecord.Note> notes = run.notes();
        List<RunRecord.Event> events = run.events();
        while (n < notes.size() || e < events.size()) {
            if (e >= events.size() || n < notes.size() && notes.get(n).timeMicros() <= events.get(e).timeMicros()) {
                merged.add(notes.get(n++));
            } else {
                merged.add(events.get(e++));
            }
        }
        for (Object item : merged) {
            if (item instanceof RunRecord.Crash crash) {
                TreeMap<String, Long> running = open.remove(crash.node());
                if (running != null) {
                    running.forEach((task, since) -> close(task, crash.node(), since, crash.timeMicros()));
                }
            } else if (item instanceof RunRecord.Note note && note.detail() != null) {
                String[] parts = note.detail().split(" ");
                switch (note.event()) {
                    case SPECS -> count = Math.max(count, Integer.parseInt(parts[0]));
                    case START -> open.computeIfAbsent(note.node(), k -> new TreeMap<>()).put(parts[0], note.timeMicros());
                    case STOP -> {
                        Long since = open.getOrDefault(note.node(), new TreeMap<>()).remove(parts[0]);
                        if (since != null) {
                            close(parts[0], note.node(), since, note.timeMicros());
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        open.forEach((node, running) -> running.forEach((task, since) -> close(task, node, since, Long.MAX_VALUE)));
        this.specs = count;
    }

    private void close(String task, NodeId node, long from, long until) {
        byTask.computeIfAbsent(task, k -> new ArrayList<>()).add(new Instance(task, node, from, until));
    }

    /** Every spec name, t1..tN. */
    List<String> specNames() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= specs; i++) {
            out.add("t" + i);
        }
        return out;
    }

    /** The nodes running {@code task} at {@code micros}. */
    TreeSet<NodeId> runningAt(String task, long micros) {
        TreeSet<NodeId> out = new TreeSet<>();
        for (Instance i : byTask.getOrDefault(task, List.of())) {
            if (i.from() <= micros && micros < i.until()) {
                out.add(i.node());
            }
        }
        return out;
    }

    /** Tasks running on each node up at {@code micros}, by node (nodes not up left out). */
    TreeMap<NodeId, Integer> perNodeAt(RunRecord run, long micros) {
        TreeMap<NodeId, Integer> perNode = new TreeMap<>();
        for (NodeId node : run.nodes()) {
            if (run.upThroughout(node, micros, micros)) {
                perNode.put(node, 0);
            }
        }
        for (String task : specNames()) {
            for (NodeId node : runningAt(task, micros)) {
                perNode.computeIfPresent(node, (k, v) -> v + 1);
            }
        }
        return perNode;
    }

    /** The instants in [from, until] at which the set of instances of {@code task} may change, with {@code from}. */
    TreeSet<Long> changesWithin(String task, long from, long until) {
        TreeSet<Long> out = new TreeSet<>();
        out.add(from);
        for (Instance i : byTask.getOrDefault(task, List.of())) {
            if (i.from() > from && i.from() <= until) {
                out.add(i.from());
            }
            if (i.until() > from && i.until() <= until) {
                out.add(i.until());
            }
        }
        return out;
    }
}
