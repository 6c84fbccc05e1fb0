package io.mycel.scenario.check;

import io.mycel.check.CheckResult;
import io.mycel.check.Verdict;
import io.mycel.node.api.NodeId;
import io.mycel.scenario.run.RunRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code critical-answers: D}: answering clients is a node's critical work, which energy-aware
 * scheduling never slows or sheds, so every client request a node was delivered is answered by that
 * node within {@code D}, however low its battery and however busy its duty cycle. A node that goes
 * down (a crash or a brown-out) before answering is excused for the requests it held; a request
 * delivered less than {@code D} before the run's end and not answered is left unjudged.
 *
 * <p>A node answers each request once, in the order it got them (a repeat is answered again), so
 * the requests and answers between one node and one client pair up first to first. Reports how
 * long answers took.
 */
public final class CriticalAnswersCheck {

    public static final String NAME = "critical-answers";

    private CriticalAnswersCheck() {
    }

    public static CheckResult check(RunRecord run, long boundMicros) {
        List<RunRecord.ClientMessage> messages = run.clientMessages();
        if (messages == null) {
            return new CheckResult(NAME, Verdict.UNKNOWN, "the run kept no client messages", Map.of());
        }
        // Per node, per client: the requests not answered yet, by when they were delivered.
        Map<NodeId, Map<String, Deque<Long>>> pending = new TreeMap<>();
        Map<NodeId, List<RunRecord.Downtime>> downtimes = new TreeMap<>();
        List<Long> waits = new ArrayList<>();
        List<String> cases = new ArrayList<>();
        int requests = 0;
        int late = 0;
        int excused = 0;
        int unjudged = 0;
        for (RunRecord.ClientMessage m : messages) {
            Deque<Long> queue = pending.computeIfAbsent(m.node(), n -> new TreeMap<>()).computeIfAbsent(m.client(), c -> new ArrayDeque<>());
            if (m.request()) {
                requests++;
                queue.addLast(m.timeMicros());
                continue;
            }
            // Requests held across a crash were lost with the node: not this answer's.
            excused += dropHeldAcrossDowntime(queue, downtimes.computeIfAbsent(m.node(), run::downtimesOf), m.timeMicros());
            Long delivered = queue.pollFirst();
            if (delivered == null) {
                continue;   // a message no request asked for (a node pushing to its client); not judged
            }
            long waited = m.timeMicros() - delivered;
            waits.add(waited);
            if (waited > boundMicros) {
                late++;
                Notes.addCase(cases, m.node().name() + " answered " + m.client() + " " + Notes.readable(waited)
                        + " after its request of " + Notes.time(delivered) + ", past " + Notes.readable(boundMicros));
            }
        }
        for (Map.Entry<NodeId, Map<String, Deque<Long>>> node : pending.entrySet()) {
            List<RunRecord.Downtime> down = run.downtimesOf(node.getKey());
            for (Map.Entry<String, Deque<Long>> client : node.getValue().entrySet()) {
                for (long delivered : client.getValue()) {
                    if (wentDownWithin(down, delivered, delivered + boundMicros)) {
                        excused++;
                    } else if (delivered + boundMicros > run.endMicros()) {
                        unjudged++;
                    } else {
                        late++;
                        Notes.addCase(cases, node.getKey().name() + " never answered " + client.getKey() + "'s request of "
                                + Notes.time(delivered) + " while up");
                    }
                }
            }
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("bound", Notes.time(boundMicros));
        evidence.put("requests", requests);
        evidence.put("answered", waits.size());
        evidence.put("late", late);
        evidence.put("excused", excused);
        evidence.put("unjudged", unjudged);
        evidence.put("waited", Notes.spread(waits));
        evidence.put("cases", cases);
        if (requests == 0) {
            return new CheckResult(NAME, Verdict.UNKNOWN, "no client request reached a node: nothing to judge", evidence);
        }
        if (late > 0) {
            return new CheckResult(NAME, Verdict.FAIL, late + " of " + requests + " requests not answered within "
                    + Notes.readable(boundMicros) + "; first: " + cases.get(0), evidence);
        }
        if (waits.isEmpty()) {
            return new CheckResult(NAME, Verdict.UNKNOWN, "no request was answered: every one was held by a node that went down "
                    + "or came too close to the end", evidence);
        }
        Map<String, Object> spread = Notes.spread(waits);
        return new CheckResult(NAME, Verdict.PASS, "all " + waits.size() + " requests answered within " + Notes.readable(boundMicros)
                + " (median " + Notes.readable((Long) spread.get("medianMicros")) + ", max " + Notes.readable((Long) spread.get("maxMicros"))
                + "; " + excused + " held by a node that went down, " + unjudged + " too close to the end)", evidence);
    }

    /** Drops the requests at the head of {@code queue} delivered before a downtime that began by {@code now}; how many. */
    private static int dropHeldAcrossDowntime(Deque<Long> queue, List<RunRecord.Downtime> down, long now) {
        int dropped = 0;
        while (!queue.isEmpty() && wentDownWithin(down, queue.peekFirst(), now)) {
            queue.pollFirst();
            dropped++;
        }
        return dropped;
    }

    /** Whether the node went down at some moment of [from, to]. */
    private static boolean wentDownWithin(List<RunRecord.Downtime> down, long from, long to) {
        for (RunRecord.Downtime d : down) {
            if (d.fromMicros() >= from && d.fromMicros() <= to) {
                return true;
            }
        }
        return false;
    }
}
