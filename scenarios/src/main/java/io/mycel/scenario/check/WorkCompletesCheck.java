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

/**
 * {@code work-completes: D}: every job a node queued in its work pipeline ({@code work-queued},
 * from {@code io.mycel.node.energy.WorkPipeline}) was done ({@code work-done}) within {@code D},
 * whatever the battery did meanwhile: deferred work waits out a low battery but is not dropped, and
 * a brown-out does not lose it. A job queued less than {@code D} before the run's end and not yet
 * done is left unjudged. Reports how long each class of work waited.
 */
public final class WorkCompletesCheck {

    public static final String NAME = "work-completes";
    static final String QUEUED = "work-queued";
    static final String DONE = "work-done";

    private WorkCompletesCheck() {
    }

    public static CheckResult check(RunRecord run, long boundMicros) {
        if (run.notesDropped() > 0) {
            return Notes.tooManyNotes(NAME, run);
        }
        // Per node, per job id: when it was queued and its class.
        Map<NodeId, Map<String, long[]>> open = new TreeMap<>();
        Map<String, List<Long>> waits = new TreeMap<>();
        List<String> cases = new ArrayList<>();
        int queued = 0;
        int late = 0;
        int unjudged = 0;
        for (RunRecord.Note note : run.notes()) {
            if (!note.event().equals(QUEUED) && !note.event().equals(DONE)) {
                continue;
            }
            String[] parts = note.detail().split(" ", 3);
            String id = parts[0];
            String workClass = parts.length > 1 ? parts[1] : "?";
            Map<String, long[]> jobs = open.computeIfAbsent(note.node(), n -> new TreeMap<>());
            if (note.event().equals(QUEUED)) {
                queued++;
                jobs.put(id, new long[] {note.timeMicros()});
                waits.computeIfAbsent(workClass, c -> new ArrayList<>());
            } else {
                long[] at = jobs.remove(id);
                if (at != null) {
                    long waited = note.timeMicros() - at[0];
                    waits.computeIfAbsent(workClass, c -> new ArrayList<>()).add(waited);
                    if (waited > boundMicros) {
                        late++;
                        Notes.addCase(cases, note.node().name() + " did job " + note.detail() + " " + Notes.readable(waited)
                                + " after queueing it, past " + Notes.readable(boundMicros));
                    }
                }
            }
        }
        for (Map.Entry<NodeId, Map<String, long[]>> node : open.entrySet()) {
            for (Map.Entry<String, long[]> job : node.getValue().entrySet()) {
                long queuedAt = job.getValue()[0];
                if (queuedAt + boundMicros <= run.endMicros()) {
                    late++;
                    Notes.addCase(cases, node.getKey().name() + " queued job " + job.getKey() + " at " + Notes.time(queuedAt)
                            + " and never did it (deadline " + Notes.time(queuedAt + boundMicros) + ")");
                } else {
                    unjudged++;
                }
            }
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("bound", Notes.time(boundMicros));
        evidence.put("queued", queued);
        evidence.put("late", late);
        evidence.put("unjudged", unjudged);
        Map<String, Object> waited = new LinkedHashMap<>();
        waits.forEach((c, micros) -> waited.put(c, Notes.spread(micros)));
        evidence.put("waited", waited);
        evidence.put("cases", cases);
        if (queued == 0) {
            return new CheckResult(NAME, Verdict.UNKNOWN, "no node queued work: nothing to judge", evidence);
        }
        if (late > 0) {
            return new CheckResult(NAME, Verdict.FAIL, late + " of " + queued + " jobs not done within " + Notes.readable(boundMicros)
                    + "; first: " + cases.get(0), evidence);
        }
        StringBuilder summary = new StringBuilder("all " + (queued - unjudged) + " jobs judged done within " + Notes.readable(boundMicros));
        waits.forEach((c, micros) -> {
            Map<String, Object> spread = Notes.spread(micros);
            if (!micros.isEmpty()) {
                summary.append("; ").append(c).append(" waited median ").append(Notes.readable((Long) spread.get("medianMicros")))
                        .append(", max ").append(Notes.readable((Long) spread.get("maxMicros")));
            }
        });
        return new CheckResult(NAME, Verdict.PASS, summary.toString(), evidence);
    }
}
