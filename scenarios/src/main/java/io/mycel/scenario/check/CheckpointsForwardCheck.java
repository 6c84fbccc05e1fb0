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
 * {@code checkpoints-forward}: no task's state goes backwards. A task's state is settled by a
 * checkpoint a quorum of its replicas acknowledged ({@code task-checkpoint NAME VERSION}): every
 * later start of the task ({@code task-start NAME VERSION SOURCE}) must begin from at least that
 * version, unless a partition, cut or degraded link came between the two (a side of a split network
 * cannot know what the other settled). A start from a handover ({@code SOURCE} the node that handed
 * it over) must also begin from at least the version that node stopped at when it handed the task
 * over ({@code task-stop NAME VERSION handoff}): what was handed over is all the work done.
 *
 * <p>A duplicate stopped after a heal settles nothing, and neither does a crash, nor a handover that
 * came too late (the new owner, believing the holder dead, started from the replicas): the work
 * done since the last quorum checkpoint is lost then, by design.
 */
public final class CheckpointsForwardCheck {

    public static final String NAME = "checkpoints-forward";

    private record Settled(long timeMicros, long version, String how) {
    }

    private CheckpointsForwardCheck() {
    }

    public static CheckResult check(RunRecord run, long unusedBound) {
        if (run.notesDropped() > 0) {
            return Notes.tooManyNotes(NAME, run);
        }
        TreeMap<String, List<Settled>> settled = new TreeMap<>();
        /** The last handoff stop of each task, by the node that stopped it. */
        TreeMap<String, TreeMap<String, Settled>> handoffs = new TreeMap<>();
        List<String> cases = new ArrayList<>();
        int starts = 0;
        int backwards = 0;
        for (RunRecord.Note note : run.notes()) {
            if (note.detail() == null) {
                continue;
            }
            String[] parts = note.detail().split(" ");
            if (note.event().equals(TaskInstances.CHECKPOINT)) {
                settled.computeIfAbsent(parts[0], k -> new ArrayList<>())
                        .add(new Settled(note.timeMicros(), Long.parseLong(parts[1]), "a quorum checkpoint"));
            } else if (note.event().equals(TaskInstances.STOP) && parts.length > 2 && parts[2].equals("handoff")) {
                handoffs.computeIfAbsent(parts[0], k -> new TreeMap<>()).put(note.node().name(),
                        new Settled(note.timeMicros(), Long.parseLong(parts[1]), "the handoff by " + note.node().name()));
            } else if (note.event().equals(TaskInstances.START)) {
                starts++;
                long version = Long.parseLong(parts[1]);
                Settled worst = null;
                for (Settled s : settled.getOrDefault(parts[0], List.of())) {
                    if (s.timeMicros() < note.timeMicros() && s.version() > version
                            && !run.networkFaultDuring(s.timeMicros(), note.timeMicros())
                            && (worst == null || s.version() > worst.version())) {
                        worst = s;
                    }
                }
                Settled handed = parts.length > 2 ? handoffs.getOrDefault(parts[0], new TreeMap<>()).get(parts[2]) : null;
                if (handed != null && handed.version() > version && (worst == null || handed.version() > worst.version())) {
                    worst = handed;
                }
                if (worst != null) {
                    backwards++;
                    Notes.addCase(cases, parts[0] + " started on " + note.node().name() + " at " + Notes.time(note.timeMicros())
                            + " from version " + version + ", below version " + worst.version() + " settled by " + worst.how()
                            + " at " + Notes.time(worst.timeMicros()));
                }
            }
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("starts", starts);
        evidence.put("backwards", backwards);
        evidence.put("cases", cases);
        if (backwards > 0) {
            return new CheckResult(NAME, Verdict.FAIL, backwards + " of " + starts + " starts went back below a settled state; first: "
                    + cases.get(0), evidence);
        }
        if (starts == 0) {
            return new CheckResult(NAME, Verdict.UNKNOWN, "not judged: no task started", evidence);
        }
        return new CheckResult(NAME, Verdict.PASS, "every one of " + starts + " task starts began at or above every state "
                + "settled before it (quorum checkpoints, and the handover it started from)", evidence);
    }
}
