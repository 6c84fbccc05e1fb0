package io.mycel.scenario.check;

import io.mycel.check.CheckResult;
import io.mycel.check.Verdict;
import io.mycel.scenario.run.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code checkpoints-forward}: no task's state goes backwards. Each instance of a task holds it at a
 * claim epoch, and a task's state is settled by a checkpoint a quorum of its replicas took
 * ({@code task-checkpoint NAME VERSION EPOCH}). Judged by epochs, not by when notes were written (a
 * node learns that a quorum took its save some time after it happened):
 * <ul>
 *   <li>every start ({@code task-start NAME VERSION SOURCE EPOCH}) begins from at least every
 *       version settled at a lower epoch: a new instance never starts behind its predecessors;</li>
 *   <li>every settled version is at least every version settled at a lower epoch;</li>
 *   <li>a start from a handover ({@code SOURCE} the node that handed it over) begins from at least
 *       the version that node stopped at when it handed the task over, the last time before (at the
 *       highest lower epoch; {@code task-stop NAME VERSION handoff EPOCH}): what was handed over is all
 *       the work done.</li>
 * </ul>
 * A duplicate stopped after a heal settles nothing, and neither does a crash, nor a handover that
 * came too late (the new owner, believing the holder dead, started from the replicas): the work done
 * since the last quorum checkpoint is lost then, by design. Nor does a start that a newer claim had
 * already outbid: that instance can settle nothing, as its saves are refused.
 */
public final class CheckpointsForwardCheck {

    public static final String NAME = "checkpoints-forward";

    private record Settled(long epoch, long version, String how, long timeMicros) {
    }

    private CheckpointsForwardCheck() {
    }

    public static CheckResult check(RunRecord run, long unusedBound) {
        if (run.notesDropped() > 0) {
            return Notes.tooManyNotes(NAME, run);
        }
        TreeMap<String, List<Settled>> settled = new TreeMap<>();
        TreeMap<String, List<Settled>> handoffs = new TreeMap<>();
        List<String[]> starts = new ArrayList<>();
        List<Long> startTimes = new ArrayList<>();
        List<String> startNodes = new ArrayList<>();
        for (RunRecord.Note note : run.notes()) {
            if (note.detail() == null) {
                continue;
            }
            String[] parts = note.detail().split(" ");
            if (note.event().equals(TaskInstances.CHECKPOINT) && parts.length > 2) {
                settled.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(new Settled(Long.parseLong(parts[2]),
                        Long.parseLong(parts[1]), "a quorum checkpoint by " + note.node().name(), note.timeMicros()));
            } else if (note.event().equals(TaskInstances.STOP) && parts.length > 3 && parts[2].equals("handoff")) {
                handoffs.computeIfAbsent(parts[0] + " " + note.node().name(), k -> new ArrayList<>()).add(new Settled(
                        Long.parseLong(parts[3]), Long.parseLong(parts[1]), "the handoff by " + note.node().name(), note.timeMicros()));
            } else if (note.event().equals(TaskInstances.START) && parts.length > 3) {
                starts.add(parts);
                startTimes.add(note.timeMicros());
                startNodes.add(note.node().name());
            }
        }
        List<String> cases = new ArrayList<>();
        int backwards = 0;
        for (int i = 0; i < starts.size(); i++) {
            String[] parts = starts.get(i);
            long version = Long.parseLong(parts[1]);
            long epoch = Long.parseLong(parts[3]);
            Settled worst = highestBelow(settled.getOrDefault(parts[0], List.of()), epoch, version);
            Settled handed = latestBelow(handoffs.getOrDefault(parts[0] + " " + parts[2], List.of()), epoch);
            if (handed != null && handed.version() > version && (worst == null || handed.version() > worst.version())) {
                worst = handed;
            }
            if (worst != null) {
                backwards++;
                Notes.addCase(cases, parts[0] + " started on " + startNodes.get(i) + " at " + Notes.time(startTimes.get(i))
                        + " from version " + version + " (epoch " + epoch + "), below version " + worst.version() + " settled by "
                        + worst.how() + " at epoch " + worst.epoch() + " (" + Notes.time(worst.timeMicros()) + ")");
            }
        }
        int checkpoints = 0;
        for (Map.Entry<String, List<Settled>> e : settled.entrySet()) {
            for (Settled s : e.getValue()) {
                checkpoints++;
                Settled worst = highestBelow(e.getValue(), s.epoch(), s.version());
                if (worst != null) {
                    backwards++;
                    Notes.addCase(cases, e.getKey() + " settled version " + s.version() + " at epoch " + s.epoch() + " ("
                            + Notes.time(s.timeMicros()) + "), below version " + worst.version() + " settled at epoch "
                            + worst.epoch());
                }
            }
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("starts", starts.size());
        evidence.put("quorumCheckpoints", checkpoints);
        evidence.put("backwards", backwards);
        evidence.put("cases", cases);
        String counts = starts.size() + " starts and " + checkpoints + " quorum checkpoints";
        if (backwards > 0) {
            return new CheckResult(NAME, Verdict.FAIL, backwards + " went back below a settled state, of " + counts + "; first: "
                    + cases.get(0), evidence);
        }
        if (starts.isEmpty()) {
            return new CheckResult(NAME, Verdict.UNKNOWN, "not judged: no task started", evidence);
        }
        return new CheckResult(NAME, Verdict.PASS, "each of " + counts + " is at or above every state settled at a lower "
                + "epoch (quorum checkpoints, and the handover a start took)", evidence);
    }

    /** The handover of the highest epoch below {@code epoch}: the one a start at {@code epoch} took. */
    private static Settled latestBelow(List<Settled> handoffs, long epoch) {
        Settled latest = null;
        for (Settled s : handoffs) {
            if (s.epoch() < epoch && (latest == null || s.epoch() > latest.epoch())) {
                latest = s;
            }
        }
        return latest;
    }

    /** The settled state of the highest version above {@code version} among those at epochs below {@code epoch}, or null. */
    private static Settled highestBelow(List<Settled> settled, long epoch, long version) {
        Settled worst = null;
        for (Settled s : settled) {
            if (s.epoch() < epoch && s.version() > version && (worst == null || s.version() > worst.version())) {
                worst = s;
            }
        }
        return worst;
    }
}
