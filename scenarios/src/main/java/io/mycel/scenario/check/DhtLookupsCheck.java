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
import java.util.TreeMap;

/**
 * {@code dht-lookups: SETTLE}: a DHT finds what is alive, in O(log n) hops.
 *
 * <ul>
 *   <li>A {@code lookup} of a node finds it when the target, and the node asked, were up and the
 *       network whole from SETTLE before the lookup began until it ended.</li>
 *   <li>A {@code find} of a service names every provider whose {@code announce} was acknowledged
 *       SETTLE before the find began, when that provider, the node asked, and the network were
 *       sound over the same window (SETTLE should cover a republish interval, so a record lost with
 *       a crashed holder is stored again). A find never names a node that did not announce the
 *       service before the find ended.</li>
 *   <li>Every answered lookup and find took at most ceil(log2 n) hops, n the number of nodes. The
 *       hops come from the {@code dht-hops} notes, and their histogram is the evidence.</li>
 * </ul>
 */
public final class DhtLookupsCheck {

    public static final String NAME = "dht-lookups";
    static final String HOPS = "dht-hops";

    private static final class Tally {
        int lookups;
        int lookupsJudged;
        int finds;
        int findsJudged;
        int misses;
        int invented;
        int overHops;
        final Map<String, TreeMap<Integer, Integer>> hops = new TreeMap<>();
        final List<String> cases = new ArrayList<>();
    }

    private DhtLookupsCheck() {
    }

    public static CheckResult check(RunRecord run, long settleMicros) {
        if (run.notesDropped() > 0) {
            return Notes.tooManyNotes(NAME, run);
        }
        Tally tally = new Tally();
        int hopBound = hopBound(run.nodes().size());
        List<History.Operation> announces = new ArrayList<>();
        for (History.Operation op : run.history().operations()) {
            if (op.f().equals("announce")) {
                announces.add(op);
            }
        }
        for (History.Operation op : run.history().operations()) {
            if (!op.isOk()) {
                continue;
            }
            if (op.f().equals("lookup")) {
                judgeLookup(run, op, settleMicros, tally);
            } else if (op.f().equals("find")) {
                judgeInvented(op, announces, tally);
                judgeFind(run, op, announces, settleMicros, tally);
            }
        }
        countHops(run, hopBound, tally);
        return result(tally, hopBound, settleMicros);
    }

    /** The hops a lookup may take among n nodes: ceil(log2 n), at least 1. */
    static int hopBound(int nodes) {
        return Math.max(1, 64 - Long.numberOfLeadingZeros(Math.max(1, nodes - 1)));
    }

    /**
     * True when the nodes were up and the network whole from SETTLE before the operation to its end.
     * The first SETTLE of the run counts as unsound: the mesh is still forming.
     */
    private static boolean sound(RunRecord run, History.Operation op, List<NodeId> nodes, long settleMicros) {
        long from = op.invoke().timeMicros() - settleMicros;
        long until = op.completedMicros();
        if (from < 0 || run.networkFaultDuring(from, until)) {
            return false;
        }
        for (NodeId node : nodes) {
            if (!run.upThroughout(node, from, until)) {
                return false;
            }
        }
        return true;
    }

    private static void judgeLookup(RunRecord run, History.Operation op, long settleMicros, Tally tally) {
        tally.lookups++;
        List<?> value = (List<?>) op.value();
        NodeId target = NodeId.of((String) value.get(0));
        NodeId asked = NodeId.of(op.invoke().node());
        if (!sound(run, op, List.of(target, asked), settleMicros)) {
            return;
        }
        tally.lookupsJudged++;
        if (!"found".equals(value.get(1))) {
            tally.misses++;
            Notes.addCase(tally.cases, asked.name() + " did not find " + target.name() + " (lookup at "
                    + Notes.time(op.invoke().timeMicros()) + ", history line " + (op.invokeAt() + 1) + ")");
        }
    }

    private static void judgeFind(RunRecord run, History.Operation op, List<History.Operation> announces,
                                  long settleMicros, Tally tally) {
        tally.finds++;
        NodeId asked = NodeId.of(op.invoke().node());
        String service = (String) op.invoke().value();
        List<?> providers = (List<?>) op.completion().value();
        long settledBy = op.invoke().timeMicros() - settleMicros;
        boolean judged = false;
        for (History.Operation announce : announces) {
            if (!announce.isOk() || !service.equals(announce.invoke().value()) || announce.completedMicros() > settledBy) {
                continue;
            }
            NodeId provider = NodeId.of(announce.invoke().node());
            if (!sound(run, op, List.of(provider, asked), settleMicros)) {
                continue;
            }
            judged = true;
            if (!providers.contains(provider.name())) {
                tally.misses++;
                Notes.addCase(tally.cases, "find " + service + " at " + asked.name() + " (" + Notes.time(op.invoke().timeMicros())
                        + ", history line " + (op.invokeAt() + 1) + ") missed " + provider.name() + ", announced at "
                        + Notes.time(announce.completedMicros()));
                break;
            }
        }
        if (judged) {
            tally.findsJudged++;
        }
    }

    /** A find names only nodes that had asked to provide the service by the time it ended. */
    private static void judgeInvented(History.Operation op, List<History.Operation> announces, Tally tally) {
        String service = (String) op.invoke().value();
        for (Object provider : (List<?>) op.completion().value()) {
            boolean announced = announces.stream().anyMatch(a -> service.equals(a.invoke().value())
                    && provider.equals(a.invoke().node()) && a.invoke().timeMicros() <= op.completion().timeMicros());
            if (!announced) {
                tally.invented++;
                Notes.addCase(tally.cases, "find " + service + " (history line " + (op.invokeAt() + 1) + ") named "
                        + provider + ", which never announced it");
            }
        }
    }

    private static void countHops(RunRecord run, int hopBound, Tally tally) {
        for (RunRecord.Note note : run.notes()) {
            if (!note.event().equals(HOPS) || note.detail() == null) {
                continue;
            }
            String[] parts = note.detail().split(" ");
            int hops = Integer.parseInt(parts[1]);
            tally.hops.computeIfAbsent(parts[0], k -> new TreeMap<>()).merge(hops, 1, Integer::sum);
            if (hops > hopBound) {
                tally.overHops++;
                Notes.addCase(tally.cases, note.node().name() + " answered a " + parts[0] + " after " + hops + " hops at "
                        + Notes.time(note.timeMicros()) + ", above the bound of " + hopBound);
            }
        }
    }

    private static CheckResult result(Tally t, int hopBound, long settleMicros) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("settle", Notes.time(settleMicros));
        evidence.put("hopBound", hopBound);
        evidence.put("hopHistogram", t.hops);
        evidence.put("lookups", t.lookups);
        evidence.put("lookupsJudged", t.lookupsJudged);
        evidence.put("finds", t.finds);
        evidence.put("findsJudged", t.findsJudged);
        evidence.put("misses", t.misses);
        evidence.put("invented", t.invented);
        evidence.put("overHopBound", t.overHops);
        evidence.put("cases", t.cases);
        String hops = "hops " + t.hops;
        String counts = t.lookupsJudged + " of " + t.lookups + " lookups and " + t.findsJudged + " of " + t.finds
                + " finds judged (the rest overlapped a fault within " + Notes.time(settleMicros)
                + ", or found a service no sound provider had announced that long before)";
        if (t.misses + t.invented + t.overHops > 0) {
            return new CheckResult(NAME, Verdict.FAIL, t.misses + " misses, " + t.invented + " invented providers, "
                    + t.overHops + " answers over " + hopBound + " hops; first: " + t.cases.get(0) + "; " + counts, evidence);
        }
        if (t.lookupsJudged + t.findsJudged == 0) {
            return new CheckResult(NAME, Verdict.UNKNOWN, "not judged: no lookup or find ran on sound nodes and network ("
                    + counts + "); " + hops, evidence);
        }
        return new CheckResult(NAME, Verdict.PASS, "every judged lookup found its target and every find its providers, "
                + "within " + hopBound + " hops; " + counts + "; " + hops, evidence);
    }
}
