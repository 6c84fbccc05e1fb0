package io.mycel.scenario.check;

import io.mycel.check.CheckResult;
import io.mycel.check.Verdict;
import io.mycel.node.api.NodeId;
import io.mycel.scenario.run.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code broadcast-reach: BOUND}, the reliability of a broadcast with a time bound: for each
 * {@code bcast-send ID} that node S emits at time t, every other node that was up throughout
 * [t - BOUND, t + BOUND] emits {@code bcast-deliver ID} by t + BOUND.
 *
 * <p>Only broadcasts with a whole window are judged: one whose window runs past the end of the run
 * is left out, and one whose window [t - BOUND, t + BOUND] saw a partition, a cut or a degraded link is skipped (and
 * counted), since no broadcast can cross a split network and membership needs time to learn that
 * it healed. A node that crashed or paused in the window owes nothing. A broadcast whose sender
 * went down before the deadline is judged only if some node delivered it (reliable broadcast's
 * agreement: what one node delivers, every live node delivers).
 *
 * <p>Latency is measured for every (broadcast, node) pair judged that delivered at all, late ones
 * included, so the figures show how far past the bound a slow broadcast is.
 */
public final class BroadcastReachCheck {

    public static final String NAME = "broadcast-reach";

    /** Counts of one judgement, for the summary and the evidence. */
    private static final class Tally {
        int sends;
        int pastEnd;
        int skipped;
        int senderLost;
        int judged;
        int expected;
        int missed;
        int broadcastsMissed;
        final List<Long> latencyMicros = new ArrayList<>();
        final List<String> cases = new ArrayList<>();
    }

    private BroadcastReachCheck() {
    }

    public static CheckResult check(RunRecord run, long boundMicros) {
        if (run.notesDropped() > 0) {
            return Notes.tooManyNotes(NAME, run);
        }
        Map<NodeId, Map<String, List<Long>>> delivered = Notes.times(run, Notes.BCAST_DELIVER);
        Tally tally = new Tally();
        for (RunRecord.Note note : run.notes()) {
            if (!note.event().equals(Notes.BCAST_SEND) || note.detail() == null) {
                continue;
            }
            tally.sends++;
            long deadline = Notes.plus(note.timeMicros(), boundMicros);
            if (deadline > run.endMicros()) {
                tally.pastEnd++;
            } else if (run.networkFaultDuring(settledSince(note, boundMicros), deadline)) {
                tally.skipped++;
            } else if (!run.upThroughout(note.node(), note.timeMicros(), deadline)
                    && !deliveredAnywhere(delivered, note, run.endMicros())) {
                tally.senderLost++;
            } else {
                tally.judged++;
                judge(run, note, deadline, boundMicros, delivered, tally);
            }
        }
        return result(tally, boundMicros);
    }

    /**
     * A broadcast whose sender crashed or paused before the deadline is owed only if some node got
     * it: the agreement of reliable broadcast. If the sender went down before anyone had it, no
     * protocol could deliver it.
     */
    private static boolean deliveredAnywhere(Map<NodeId, Map<String, List<Long>>> delivered, RunRecord.Note send,
                                             long endMicros) {
        for (NodeId node : delivered.keySet()) {
            if (Notes.first(delivered, node, send.detail(), send.timeMicros(), endMicros) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * A node owes a broadcast only if it was up, and the network whole, for a bound before the send
     * too: a node that has just restarted, or a link that has just healed, is not yet known to the
     * sender's membership or overlay, and learning that takes the same protocol time as delivery.
     */
    private static long settledSince(RunRecord.Note send, long boundMicros) {
        return Math.max(0, send.timeMicros() - boundMicros);
    }

    private static void judge(RunRecord run, RunRecord.Note send, long deadline, long bound,
                              Map<NodeId, Map<String, List<Long>>> delivered, Tally tally) {
        String id = send.detail();
        long sentAt = send.timeMicros();
        boolean reachedAll = true;
        for (NodeId node : run.nodes()) {
            if (node.equals(send.node()) || !run.upThroughout(node, settledSince(send, bound), deadline)) {
                continue;
            }
            tally.expected++;
            long at = Notes.first(delivered, node, id, sentAt, run.endMicros());
            if (at >= 0) {
                tally.latencyMicros.add(at - sentAt);
            }
            if (at >= 0 && at <= deadline) {
                continue;
            }
            tally.missed++;
            reachedAll = false;
            String what = " " + id + " sent by " + send.node().name() + " at " + Notes.time(sentAt);
            Notes.addCase(tally.cases, at < 0 ? node.name() + " never delivered" + what
                    : node.name() + " delivered" + what + " only " + Notes.time(at - sentAt) + " later");
        }
        if (!reachedAll) {
            tally.broadcastsMissed++;
        }
    }

    private static CheckResult result(Tally t, long boundMicros) {
        String bound = Notes.time(boundMicros);
        Map<String, Object> spread = Notes.spread(t.latencyMicros);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("bound", bound);
        evidence.put("broadcasts", t.sends);
        evidence.put("judged", t.judged);
        evidence.put("skippedNetworkFault", t.skipped);
        evidence.put("pastEnd", t.pastEnd);
        evidence.put("senderDownBeforeAnyDelivery", t.senderLost);
        evidence.put("deliveriesExpected", t.expected);
        evidence.put("deliveriesMissed", t.missed);
        evidence.put("broadcastsMissed", t.broadcastsMissed);
        evidence.put("latency", spread);
        evidence.put("missed", t.cases);
        String counts = t.judged + " judged, " + t.skipped + " skipped for a network fault, " + t.senderLost
                + " lost with their sender, " + t.pastEnd + " too close to the end";
        String latency = t.latencyMicros.isEmpty() ? "no delivery measured"
                : "latency median " + Notes.time((Long) spread.get("medianMicros")) + ", max "
                        + Notes.time((Long) spread.get("maxMicros"));
        if (t.expected == 0) {
            return new CheckResult(NAME, Verdict.UNKNOWN, "not judged: no broadcast had a node to reach within a whole "
                    + bound + " window (" + t.sends + " broadcasts: " + counts + ")", evidence);
        }
        if (t.missed > 0) {
            return new CheckResult(NAME, Verdict.FAIL, t.missed + " of " + t.expected + " deliveries missed the " + bound
                    + " bound, in " + t.broadcastsMissed + " broadcasts (" + counts + "); first: " + t.cases.get(0) + "; "
                    + latency, evidence);
        }
        return new CheckResult(NAME, Verdict.PASS, "every judged broadcast reached every node up within " + bound + " ("
                + counts + "); " + latency, evidence);
    }
}
