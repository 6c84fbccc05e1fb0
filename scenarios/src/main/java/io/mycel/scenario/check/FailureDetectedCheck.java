package io.mycel.scenario.check;

import io.mycel.check.CheckResult;
import io.mycel.check.Verdict;
import io.mycel.node.api.NodeId;
import io.mycel.scenario.run.RunRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code failure-detected: BOUND}, the completeness of a failure detector with a time bound: when a
 * node X crashes and stays down for at least BOUND, every other node that was up throughout
 * [crash, crash + BOUND] emits {@code member-dead X} at some time in (crash, crash + BOUND].
 *
 * <p>A crash ended by a restart sooner than BOUND is not judged (no detector need notice it), nor is
 * one whose window runs past the end of the run. An observer that crashed or paused in the window
 * owes nothing. The bound is judged on each observer's own note, even when it already held X dead
 * from before the crash: a detector must report each failure it sees.
 *
 * <p>Detection times are measured for every (observer, crashed) pair that was judged and that
 * declared X dead before X restarted, late ones included, so the figures show how far past the
 * bound a slow detector is.
 */
public final class FailureDetectedCheck {

    public static final String NAME = "failure-detected";

    /** Counts of one judgement, for the summary and the evidence. */
    private static final class Tally {
        int crashes;
        int restartedSooner;
        int pastEnd;
        int crashesJudged;
        int pairs;
        int missed;
        int late;
        final List<Long> detectionMicros = new ArrayList<>();
        final List<String> cases = new ArrayList<>();
    }

    private FailureDetectedCheck() {
    }

    public static CheckResult check(RunRecord run, long boundMicros) {
        if (run.notesDropped() > 0) {
            return Notes.tooManyNotes(NAME, run);
        }
        Map<NodeId, Map<String, List<Long>>> declared = Notes.times(run, Notes.MEMBER_DEAD);
        Tally tally = new Tally();
        for (RunRecord.Downtime crash : crashes(run)) {
            tally.crashes++;
            long deadline = Notes.plus(crash.fromMicros(), boundMicros);
            if (deadline > run.endMicros()) {
                tally.pastEnd++;
            } else if (crash.untilMicros() < deadline) {
                tally.restartedSooner++;
            } else {
                tally.crashesJudged++;
                judge(run, crash, deadline, declared, tally);
            }
        }
        return result(tally, boundMicros);
    }

    /** Every crash of a node of the run, in time order, with when the node came back. */
    private static List<RunRecord.Downtime> crashes(RunRecord run) {
        List<RunRecord.Downtime> crashes = new ArrayList<>();
        for (NodeId node : run.nodes()) {
            crashes.addAll(run.downtimesOf(node));
        }
        crashes.sort(Comparator.comparingLong(RunRecord.Downtime::fromMicros).thenComparing(RunRecord.Downtime::node));
        return crashes;
    }

    private static void judge(RunRecord run, RunRecord.Downtime crash, long deadline, Map<NodeId, Map<String, List<Long>>> declared,
                              Tally tally) {
        String crashed = crash.node().name();
        // A note at the very instant of the crash cannot be a detection of it.
        long from = crash.fromMicros() + 1;
        long measuredUntil = Math.min(crash.untilMicros(), run.endMicros());
        for (NodeId observer : run.nodes()) {
            if (observer.equals(crash.node()) || !run.upThroughout(observer, crash.fromMicros(), deadline)) {
                continue;
            }
            tally.pairs++;
            long at = Notes.first(declared, observer, crashed, from, measuredUntil);
            if (at >= 0) {
                tally.detectionMicros.add(at - crash.fromMicros());
            }
            if (at >= 0 && at <= deadline) {
                continue;
            }
            tally.missed++;
            String when = " after its crash at " + Notes.time(crash.fromMicros());
            if (at < 0) {
                Notes.addCase(tally.cases, observer.name() + " never declared " + crashed + " dead" + when);
            } else {
                tally.late++;
                Notes.addCase(tally.cases, observer.name() + " declared " + crashed + " dead only "
                        + Notes.time(at - crash.fromMicros()) + when);
            }
        }
    }

    private static CheckResult result(Tally t, long boundMicros) {
        String bound = Notes.time(boundMicros);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("bound", bound);
        evidence.put("crashes", t.crashes);
        evidence.put("crashesJudged", t.crashesJudged);
        evidence.put("crashesRestartedSooner", t.restartedSooner);
        evidence.put("crashesPastEnd", t.pastEnd);
        evidence.put("pairsJudged", t.pairs);
        evidence.put("pairsMissed", t.missed);
        evidence.put("pairsDeclaredLate", t.late);
        evidence.put("detection", Notes.spread(t.detectionMicros));
        evidence.put("missed", t.cases);
        String detection = "detection " + Notes.describe(t.detectionMicros);
        if (t.pairs == 0) {
            String why = t.crashesJudged == 0
                    ? "no crash lasted " + bound + " within the run (" + t.crashes + " crashes: " + t.restartedSooner
                            + " restarted sooner, " + t.pastEnd + " too close to the end)"
                    : "no node stayed up through the " + t.crashesJudged + " crashes that lasted " + bound;
            return new CheckResult(NAME, Verdict.UNKNOWN, "not judged: " + why, evidence);
        }
        if (t.missed > 0) {
            return new CheckResult(NAME, Verdict.FAIL, t.missed + " of " + t.pairs + " (observer, crashed) pairs missed the "
                    + bound + " bound over " + t.crashesJudged + " crashes; first: " + t.cases.get(0) + "; " + detection,
                    evidence);
        }
        return new CheckResult(NAME, Verdict.PASS, "every node up declared each crashed node dead within " + bound + ": "
                + t.pairs + " pairs over " + t.crashesJudged + " crashes, " + detection, evidence);
    }
}
