package io.mycel.scenario.check;

import io.mycel.check.CheckResult;
import io.mycel.check.History;
import io.mycel.check.Verdict;
import io.mycel.node.api.NodeId;
import io.mycel.scenario.run.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code names-released: BOUND}: a process registry frees the names of tasks that died. A node's
 * tasks die when it crashes; when it restarts, the names its earlier lives held must be released
 * (the history's {@code purge node#incarnation}, completed) by BOUND after the restart, or after
 * the faults end when the restart came while they lasted (a registry without a quorum cannot act).
 * And once a release completed, no {@code whereis} invoked later may still name a task of a life
 * it released.
 *
 * <p>The restarts are the lab's own record of the run, not the node's word: a node that never
 * announces a release fails. A restart whose deadline falls past the end of the run is not judged.
 */
public final class NamesReleasedCheck {

    public static final String NAME = "names-released";

    private record Purge(String node, long incarnation, long invokedMicros, long completedMicros) {
    }

    private NamesReleasedCheck() {
    }

    public static CheckResult check(RunRecord run, long boundMicros) {
        List<Purge> purges = purges(run.history());
        List<String> cases = new ArrayList<>();
        List<Long> releaseMicros = new ArrayList<>();
        int restarts = 0;
        int judged = 0;
        int late = 0;
        for (NodeId node : run.nodes()) {
            for (RunRecord.Downtime down : run.downtimesOf(node)) {
                if (down.untilMicros() == Long.MAX_VALUE) {
                    continue;   // never restarted: its names wait for it
                }
                restarts++;
                long restart = down.untilMicros();
                long deadline = Notes.plus(Math.max(restart, run.durationMicros()), boundMicros);
                long released = firstRelease(purges, node.name(), restart);
                if (released != Long.MAX_VALUE) {
                    releaseMicros.add(released - restart);
                }
                if (deadline > run.endMicros()) {
                    continue;
                }
                judged++;
                if (released > deadline) {
                    late++;
                    Notes.addCase(cases, node.name() + " restarted at " + Notes.time(restart) + " and "
                            + (released == Long.MAX_VALUE ? "never released its lost tasks' names"
                            : "released its lost tasks' names only at " + Notes.time(released))
                            + " (deadline " + Notes.time(deadline) + ")");
                }
            }
        }
        int stale = staleAnswers(run.history(), purges, cases);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("bound", Notes.time(boundMicros));
        evidence.put("restarts", restarts);
        evidence.put("restartsJudged", judged);
        evidence.put("releasedLate", late);
        evidence.put("staleAnswers", stale);
        evidence.put("release", Notes.spread(releaseMicros));
        evidence.put("cases", cases);
        String release = "release " + Notes.describe(releaseMicros);
        if (late > 0 || stale > 0) {
            return new CheckResult(NAME, Verdict.FAIL, (late > 0 ? late + " of " + judged + " restarts left names of dead tasks past "
                    + Notes.time(boundMicros) : "") + (late > 0 && stale > 0 ? "; " : "")
                    + (stale > 0 ? stale + " whereis answers named a task of a life already released" : "")
                    + "; first: " + cases.get(0) + "; " + release, evidence);
        }
        if (judged == 0) {
            return new CheckResult(NAME, Verdict.UNKNOWN, "not judged: " + (restarts == 0 ? "no node restarted"
                    : "every restart came too close to the end of the run"), evidence);
        }
        return new CheckResult(NAME, Verdict.PASS, "every restarted node released its lost tasks' names within "
                + Notes.time(boundMicros) + ": " + judged + " restarts, " + release, evidence);
    }

    /** The completed purges of the history, read from {@code purge node#incarnation}. */
    private static List<Purge> purges(History history) {
        List<Purge> purges = new ArrayList<>();
        for (History.Operation op : history.operations()) {
            if (!op.f().equals("purge") || !op.isOk()) {
                continue;
            }
            String owner = String.valueOf(op.invoke().value());
            long incarnation = incarnationOf(owner);
            if (incarnation > 0) {
                purges.add(new Purge(nodeOf(owner), incarnation, op.invoke().timeMicros(), op.completion().timeMicros()));
            }
        }
        return purges;
    }

    /** When the node first completed a release started at or after {@code restart}; MAX_VALUE when never. */
    private static long firstRelease(List<Purge> purges, String node, long restart) {
        long first = Long.MAX_VALUE;
        for (Purge p : purges) {
            if (p.node.equals(node) && p.invokedMicros >= restart) {
                first = Math.min(first, p.completedMicros);
            }
        }
        return first;
    }

    /** Counts whereis answers, invoked after a release completed, that name a task of a life it released. */
    private static int staleAnswers(History history, List<Purge> purges, List<String> cases) {
        int stale = 0;
        for (History.Operation op : history.operations()) {
            if (!op.f().equals("whereis") || !op.isOk() || !(op.completion().value() instanceof List<?> pair)
                    || pair.size() != 2 || pair.get(1) == null) {
                continue;
            }
            String holder = String.valueOf(pair.get(1));
            long incarnation = incarnationOf(holder);
            for (Purge p : purges) {
                if (p.node.equals(nodeOf(holder)) && incarnation > 0 && incarnation < p.incarnation
                        && op.invoke().timeMicros() > p.completedMicros) {
                    stale++;
                    Notes.addCase(cases, "whereis " + pair.get(0) + " invoked at " + Notes.time(op.invoke().timeMicros())
                            + " answered " + holder + ", a task of a life " + p.node + "#" + p.incarnation
                            + " released at " + Notes.time(p.completedMicros));
                    break;
                }
            }
        }
        return stale;
    }

    private static String nodeOf(String owner) {
        int hash = owner.lastIndexOf('#');
        return hash < 0 ? owner : owner.substring(0, hash);
    }

    /** The incarnation of {@code node#incarnation} or {@code node#incarnation.task}; 0 when it has none. */
    private static long incarnationOf(String owner) {
        int hash = owner.lastIndexOf('#');
        if (hash < 0) {
            return 0;
        }
        String rest = owner.substring(hash + 1);
        int dot = rest.indexOf('.');
        try {
            return Long.parseLong(dot < 0 ? rest : rest.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
