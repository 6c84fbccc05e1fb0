package io.mycel.scenario.check;

import io.mycel.check.CheckResult;
import io.mycel.check.Verdict;
import io.mycel.node.api.NodeId;
import io.mycel.scenario.run.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code tasks-once: BOUND}: once every fault has healed, each task spec runs on exactly one node
 * within BOUND, and stays so: at every moment from the end of the safety phase plus BOUND to the end
 * of the run, every spec has one instance (none is a task lost; two are a duplicate). The evidence
 * also gives the tasks per node at the end, and their balance.
 */
public final class TasksOnceCheck {

    public static final String NAME = "tasks-once";

    private TasksOnceCheck() {
    }

    public static CheckResult check(RunRecord run, long boundMicros) {
        if (run.notesDropped() > 0) {
            return Notes.tooManyNotes(NAME, run);
        }
        TaskInstances instances = new TaskInstances(run);
        long from = Notes.plus(run.durationMicros(), boundMicros);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("bound", Notes.time(boundMicros));
        evidence.put("specs", instances.specs);
        if (instances.specs == 0 || from > run.endMicros()) {
            return new CheckResult(NAME, Verdict.UNKNOWN, instances.specs == 0 ? "not judged: no node reported its task specs"
                    : "not judged: the run ends before the heal plus " + Notes.time(boundMicros), evidence);
        }
        List<String> cases = new ArrayList<>();
        int lost = 0;
        int duplicated = 0;
        for (String task : instances.specNames()) {
            for (long at : instances.changesWithin(task, from, run.endMicros())) {
                TreeSet<NodeId> running = instances.runningAt(task, at);
                if (running.size() == 1) {
                    continue;
                }
                if (running.isEmpty()) {
                    lost++;
                } else {
                    duplicated++;
                }
                Notes.addCase(cases, task + (running.isEmpty() ? " ran nowhere" : " ran on " + running) + " at " + Notes.time(at));
                break;
            }
        }
        TreeMap<NodeId, Integer> perNode = instances.perNodeAt(run, run.endMicros());
        evidence.put("tasksPerNodeAtEnd", perNode);
        evidence.put("lost", lost);
        evidence.put("duplicated", duplicated);
        evidence.put("cases", cases);
        String window = "from " + Notes.time(from) + " to the end (" + Notes.time(run.endMicros()) + ")";
        if (lost + duplicated > 0) {
            return new CheckResult(NAME, Verdict.FAIL, lost + " specs ran nowhere and " + duplicated + " ran twice or more "
                    + window + "; first: " + cases.get(0), evidence);
        }
        return new CheckResult(NAME, Verdict.PASS, "each of " + instances.specs + " specs ran exactly once " + window, evidence);
    }
}
