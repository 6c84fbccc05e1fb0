package io.mycel.check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Liveness for systems that must stay available once faults heal (a consensus system that must
 * elect a leader and serve again): after the settle time, every node answers its final read, each
 * within the attempts the runner gives it. Unlike {@link ConvergenceChecker} the answers need not
 * agree, since each node's final read may ask about different data (a key of a map); whether they
 * are right is the business of the safety checks.
 *
 * <p>Evidence gives, per node, how long its final read took from its first attempt to its answer,
 * and the longest of these: the bound the run actually met.
 */
public final class AnswerAfterHealChecker {

    public static final String NAME = "answer-after-heal";

    private AnswerAfterHealChecker() {
    }

    public static CheckResult check(History history) {
        Map<String, Long> firstAttempt = new TreeMap<>();
        Map<String, Long> answeredAfter = new TreeMap<>();
        for (History.Operation op : history.operations()) {
            if (!op.invoke().finalRead()) {
                continue;
            }
            String node = String.valueOf(op.invoke().node());
            firstAttempt.merge(node, op.invoke().timeMicros(), Math::min);
            if (op.isOk() && !answeredAfter.containsKey(node)) {
                answeredAfter.put(node, op.completion().timeMicros());
            }
        }
        if (firstAttempt.isEmpty()) {
            return new CheckResult(NAME, Verdict.UNKNOWN, "no final reads were made", Map.of());
        }
        Map<String, Object> latencies = new TreeMap<>();
        long worst = 0;
        for (Map.Entry<String, Long> e : answeredAfter.entrySet()) {
            long took = e.getValue() - firstAttempt.get(e.getKey());
            latencies.put(e.getKey(), took);
            worst = Math.max(worst, took);
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("answered_in_micros", latencies);
        evidence.put("slowest_micros", worst);
        if (answeredAfter.size() < firstAttempt.size()) {
            Map<String, Long> silent = new TreeMap<>(firstAttempt);
            silent.keySet().removeAll(answeredAfter.keySet());
            evidence.put("unanswered", silent.keySet());
            return new CheckResult(NAME, Verdict.FAIL, silent.size() + " of " + firstAttempt.size()
                    + " nodes never answered their final read: " + silent.keySet(), evidence);
        }
        return new CheckResult(NAME, Verdict.PASS, String.format("all %d nodes answered after healing, the slowest in %.3f s",
                firstAttempt.size(), worst / 1e6), evidence);
    }
}
