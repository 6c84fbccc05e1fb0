package io.mycel.check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * After faults heal and the system settles, every node must answer a final read, and all must
 * answer the same value. A node's final read may be tried several times (a request can be lost);
 * its last answer counts, and it is silent only if no attempt was answered.
 */
public final class ConvergenceChecker {

    public static final String NAME = "converge-after-heal";

    private ConvergenceChecker() {
    }

    public static CheckResult check(History history) {
        Map<String, Object> answers = new TreeMap<>();
        Map<String, Object> silent = new TreeMap<>();
        for (History.Operation op : history.operations()) {
            if (op.invoke().finalRead()) {
                String node = String.valueOf(op.invoke().node());
                if (op.isOk()) {
                    answers.put(node, op.completion().value());
                } else {
                    silent.put(node, op.outcome().jsonName());
                }
            }
        }
        silent.keySet().removeAll(answers.keySet());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("answers", answers);
        evidence.put("unanswered", silent);
        if (answers.isEmpty() && silent.isEmpty()) {
            return new CheckResult(NAME, Verdict.UNKNOWN, "no final reads were made", evidence);
        }
        if (!silent.isEmpty()) {
            return new CheckResult(NAME, Verdict.FAIL, silent.size() + " of " + (answers.size() + silent.size())
                    + " nodes did not answer the final read: " + silent.keySet(), evidence);
        }
        if (answers.values().stream().distinct().count() > 1) {
            return new CheckResult(NAME, Verdict.FAIL, "nodes disagree after healing: " + answers, evidence);
        }
        return new CheckResult(NAME, Verdict.PASS, answers.size() + " nodes agree on "
                + answers.values().iterator().next(), evidence);
    }
}
