package io.mycel.scenario.check;

import io.mycel.check.CheckResult;
import io.mycel.check.Verdict;
import io.mycel.node.api.NodeId;
import io.mycel.scenario.run.RunRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ring-balance: RATIO}: the ring spreads the load: at the end of the run, no node that is up
 * runs more than RATIO times the mean number of tasks per node that is up. The evidence gives the
 * tasks per node, the ratio and the coefficient of variation.
 */
public final class RingBalanceCheck {

    public static final String NAME = "ring-balance";

    private RingBalanceCheck() {
    }

    public static CheckResult check(RunRecord run, long ratioThousandths) {
        if (run.notesDropped() > 0) {
            return Notes.tooManyNotes(NAME, run);
        }
        TaskInstances instances = new TaskInstances(run);
        TreeMap<NodeId, Integer> perNode = instances.perNodeAt(run, run.endMicros());
        double total = perNode.values().stream().mapToInt(Integer::intValue).sum();
        double bound = ratioThousandths / 1000.0;
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("ratioBound", bound);
        evidence.put("tasksPerNodeAtEnd", perNode);
        if (perNode.isEmpty() || total == 0) {
            return new CheckResult(NAME, Verdict.UNKNOWN, "not judged: no task ran on a node up at the end", evidence);
        }
        double mean = total / perNode.size();
        int max = perNode.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        double squares = perNode.values().stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double ratio = Notes.round(max / mean);
        double cv = Notes.round(Math.sqrt(squares / perNode.size()) / mean);
        evidence.put("maxOverMean", ratio);
        evidence.put("cv", cv);
        String figures = "the busiest node runs " + max + " tasks, " + Notes.text(ratio) + " times the mean of "
                + Notes.text(Notes.round(mean)) + " over " + perNode.size() + " nodes up (cv " + Notes.text(cv) + ")";
        if (max > bound * mean) {
            return new CheckResult(NAME, Verdict.FAIL, figures + ", above the bound of " + Notes.text(bound), evidence);
        }
        return new CheckResult(NAME, Verdict.PASS, figures + ", within the bound of " + Notes.text(bound), evidence);
    }
}
