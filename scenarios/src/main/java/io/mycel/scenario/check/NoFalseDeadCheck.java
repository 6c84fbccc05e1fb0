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
 * {@code no-false-dead} (or {@code no-false-dead: WINDOW}), the accuracy of a failure detector: a
 * {@code member-dead Y} note that node O emits at time t is false when, through the whole window
 * [t - WINDOW, t], Y was up, no partition, cut or degraded link (a loss burst) was in force, and O was not paused. Any false
 * declaration fails the check.
 *
 * <p>The window excuses a declaration that a recent fault explains: a detector works from probes
 * and gossip of the last few seconds, so a crash, pause or partition just before t may still mislead
 * it. Outside such a window nothing does. The summary also gives the false-positive rate, false
 * declarations per live-node-minute (minutes the nodes of the run were up, summed over nodes).
 */
public final class NoFalseDeadCheck {

    public static final String NAME = "no-false-dead";

    /** How far back a fault still excuses a declaration, when the scenario gives no window. */
    public static final long DEFAULT_WINDOW_MICROS = 5_000_000;

    private static final double MICROS_PER_MINUTE = 60_000_000.0;

    /** Counts of one judgement, for the summary and the evidence. */
    private static final class Tally {
        int declarations;
        int notNodes;
        int excusedDown;
        int excusedNetwork;
        int excusedPaused;
        int falseOnes;
        final List<String> cases = new ArrayList<>();
    }

    private NoFalseDeadCheck() {
    }

    public static CheckResult check(RunRecord run, long windowMicros) {
        Map<String, NodeId> nodes = new TreeMap<>();
        run.nodes().forEach(id -> nodes.put(id.name(), id));
        Tally tally = new Tally();
        for (RunRecord.Note note : run.notes()) {
            if (note.event().equals(Notes.MEMBER_DEAD)) {
                tally.declarations++;
                NodeId member = note.detail() == null ? null : nodes.get(note.detail());
                judge(run, note, member, windowMicros, tally);
            }
        }
        return result(run, tally, windowMicros);
    }

    private static void judge(RunRecord run, RunRecord.Note note, NodeId member, long windowMicros, Tally tally) {
        long t = note.timeMicros();
        long from = t - windowMicros;
        if (member == null) {
            tally.notNodes++;   // not a node of the run: nothing to say whether it was up
        } else if (!run.upThroughout(member, from, t)) {
            tally.excusedDown++;
        } else if (run.networkFaultDuring(from, t)) {
            tally.excusedNetwork++;
        } else if (run.pausedDuring(note.node(), from, t)) {
            tally.excusedPaused++;
        } else {
            tally.falseOnes++;
            Notes.addCase(tally.cases, note.node().name() + " declared " + member.name() + " dead at " + Notes.time(t)
                    + ", with both running and the network whole since " + Notes.time(Math.max(0, from)));
        }
    }

    private static CheckResult result(RunRecord run, Tally t, long windowMicros) {
        long liveMicros = 0;
        for (NodeId node : run.nodes()) {
            liveMicros += run.upMicros(node, 0, run.endMicros());
        }
        double liveMinutes = liveMicros / MICROS_PER_MINUTE;
        double rate = liveMinutes == 0 ? 0 : Notes.round(t.falseOnes / liveMinutes);
        String window = Notes.time(windowMicros);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("window", window);
        evidence.put("declarations", t.declarations);
        evidence.put("falseDeclarations", t.falseOnes);
        evidence.put("excusedMemberDown", t.excusedDown);
        evidence.put("excusedNetworkFault", t.excusedNetwork);
        evidence.put("excusedDeclarerPaused", t.excusedPaused);
        evidence.put("notNodesOfTheRun", t.notNodes);
        evidence.put("liveNodeMinutes", Notes.round(liveMinutes));
        evidence.put("falsePerLiveNodeMinute", rate);
        evidence.put("false", t.cases);
        String rateText = Notes.text(rate) + " per live-node-minute over " + Notes.text(Notes.round(liveMinutes))
                + " live-node-minutes";
        if (t.falseOnes > 0) {
            return new CheckResult(NAME, Verdict.FAIL, t.falseOnes + " of " + t.declarations
                    + " member-dead declarations were false (window " + window + "), " + rateText + "; first: "
                    + t.cases.get(0), evidence);
        }
        if (run.notesDropped() > 0) {
            return Notes.tooManyNotes(NAME, run);   // a false one may be among the notes not kept
        }
        return new CheckResult(NAME, Verdict.PASS, t.declarations + " member-dead declarations, none false (window "
                + window + "; " + (t.excusedDown + t.excusedNetwork + t.excusedPaused) + " excused by a recent fault), "
                + rateText, evidence);
    }
}
