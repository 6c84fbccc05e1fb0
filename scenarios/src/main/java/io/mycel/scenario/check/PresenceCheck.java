package io.mycel.scenario.check;

import io.mycel.check.CheckResult;
import io.mycel.check.History;
import io.mycel.check.Op;
import io.mycel.check.Verdict;
import io.mycel.node.api.NodeId;
import io.mycel.scenario.run.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code presence: B}: who is online, judged against the joins, leaves and crashes of the run.
 * A presence {@code u@N} is user u joined at node N; a crash of N takes all of N's presences with it
 * (they are its connected clients).
 *
 * <ul>
 *   <li>Convergence: after healing and settling, every node answers its final {@code who}, all alike.
 *   <li>The final answer is explained: it holds every presence that must be there (an acknowledged
 *       join after N's last crash, with every leave of that user at N acknowledged before the join
 *       began), and nothing that cannot be (no join after N's last crash that no acknowledged leave
 *       followed, and no join of unknown outcome made after that crash, which may land at any time).
 *   <li>Reads during the run: nothing invented (each {@code u@N} was joined at N before the read
 *       ended); nothing stale (a read at another node that began more than B after a crash of N
 *       shows no presence of N unless its user joined there again since); and a node shows its own: a {@code who} at N holds every presence that must be at N
 *       by the time it began, by the rule above.
 * </ul>
 */
public final class PresenceCheck {

    public static final String NAME = "presence";

    private PresenceCheck() {
    }

    /** The joins and leaves of one user at one node, and that node's downtimes. */
    private record Slot(List<History.Operation> joins, List<History.Operation> leaves, List<RunRecord.Downtime> downtimes) {

        long lastCrashBefore(long micros) {
            long last = Long.MIN_VALUE;
            for (RunRecord.Downtime d : downtimes) {
                if (d.fromMicros() < micros) {
                    last = d.fromMicros();   // in time order
                }
            }
            return last;
        }

        /**
         * True when a read at {@code readMicros} may not show the presence: its node crashed more than
         * {@code boundMicros} before, and is down still, or restarted and the user has not joined
         * there since (a join sent up to the bound before the restart may have landed after it, and
         * one sent before the read ended may be seen by it).
         */
        boolean expiredBy(long readMicros, long readEndMicros, long boundMicros) {
            for (RunRecord.Downtime d : downtimes) {
                if (d.fromMicros() + boundMicros >= readMicros) {
                    continue;
                }
                long restart = d.untilMicros();
                if (readMicros < restart || joins.stream().noneMatch(
                        j -> j.invoke().timeMicros() > restart - boundMicros && j.invoke().timeMicros() < readEndMicros)) {
                    return true;
                }
            }
            return false;
        }

        /** True when the presence must be shown by anyone reading at {@code readMicros} or later. */
        boolean mustBeThereAt(long readMicros) {
            long crash = lastCrashBefore(readMicros);
            for (History.Operation join : joins) {
                if (join.isOk() && join.completion().timeMicros() < readMicros && join.invoke().timeMicros() > crash
                        && everyLeaveDoneBefore(join, readMicros)) {
                    return true;
                }
            }
            return false;
        }

        private boolean everyLeaveDoneBefore(History.Operation join, long readMicros) {
            for (History.Operation leave : leaves) {
                if (leave.outcome() == Op.Type.FAIL || leave.invoke().timeMicros() >= readMicros) {
                    continue;
                }
                if (!(leave.isOk() && leave.completion().timeMicros() < join.invoke().timeMicros())) {
                    return false;
                }
            }
            return true;
        }

        /** True when the presence may be shown at the end of the run. */
        boolean mayBeThereAtEnd() {
            long crash = lastCrashBefore(Long.MAX_VALUE);
            for (History.Operation join : joins) {
                if (join.outcome() == Op.Type.INFO && join.invoke().timeMicros() > crash) {
                    return true;   // may land at any time, but not across a crash it came before
                }
                if (join.isOk() && join.invoke().timeMicros() > crash && !leftAfter(join)) {
                    return true;
                }
            }
            return false;
        }

        private boolean leftAfter(History.Operation join) {
            for (History.Operation leave : leaves) {
                if (leave.isOk() && leave.invoke().timeMicros() > join.completion().timeMicros()) {
                    return true;
                }
            }
            return false;
        }
    }

    public static CheckResult check(RunRecord run, long boundMicros) {
        TreeMap<String, Slot> slots = slots(run);
        Map<String, Object> evidence = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        TreeMap<String, Object> finals = new TreeMap<>();
        int reads = 0;
        for (History.Operation op : run.history().operations()) {
            if (!op.f().equals("who")) {
                continue;
            }
            if (op.invoke().finalRead()) {
                finals.put(op.invoke().node(), op.isOk() ? op.completion().value() : null);
            } else if (op.isOk()) {
                reads++;
                String wrong = explainRead(op, slots, boundMicros);
                if (wrong != null) {
                    Notes.addCase(problems, "read at " + op.invoke().node() + " (t=" + op.completion().timeMicros() + "us): " + wrong);
                }
            }
        }
        evidence.put("final", finals);
        if (finals.isEmpty() || finals.containsValue(null)) {
            return new CheckResult(NAME, Verdict.FAIL, "not every node answered its final who: " + finals, evidence);
        }
        if (new TreeSet<>(finals.values().stream().map(String::valueOf).toList()).size() > 1) {
            return new CheckResult(NAME, Verdict.FAIL, "nodes disagree after healing: " + finals, evidence);
        }
        List<String> shown = strings(finals.firstEntry().getValue());
        List<String> lost = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, Slot> e : slots.entrySet()) {
            boolean there = shown.contains(e.getKey());
            if (!there && e.getValue().mustBeThereAt(Long.MAX_VALUE)) {
                lost.add(e.getKey());
            } else if (there && !e.getValue().mayBeThereAtEnd()) {
                stale.add(e.getKey());
            }
        }
        for (String entry : shown) {
            if (!slots.containsKey(entry)) {
                stale.add(entry + " (never joined)");
            }
        }
        if (!lost.isEmpty()) {
            problems.add(0, "acknowledged presences missing at the end: " + lost);
        }
        if (!stale.isEmpty()) {
            problems.add(0, "presences that left, crashed or never joined, still shown: " + stale);
        }
        evidence.put("problems", problems);
        if (!problems.isEmpty()) {
            return new CheckResult(NAME, Verdict.FAIL, String.join("; ", problems), evidence);
        }
        return new CheckResult(NAME, Verdict.PASS, finals.size() + " nodes agree on " + shown.size() + " presences "
                + shown + ", explained by the joins, leaves and crashes; " + reads + " reads during the run explained", evidence);
    }

    private static String explainRead(History.Operation read, TreeMap<String, Slot> slots, long boundMicros) {
        List<String> shown = strings(read.completion().value());
        for (String entry : shown) {
            Slot slot = slots.get(entry);
            boolean joinedBefore = slot != null && slot.joins().stream()
                    .anyMatch(j -> j.invoke().timeMicros() < read.completion().timeMicros());
            if (!joinedBefore) {
                return entry + " was not joined by then";
            }
            if (!entry.endsWith("@" + read.invoke().node()) && slot.expiredBy(read.invoke().timeMicros(), read.completion().timeMicros(), boundMicros)) {
                return entry + " is shown though its node crashed more than " + boundMicros / 1000 + " ms before";
            }
        }
        String node = read.invoke().node();
        for (Map.Entry<String, Slot> e : slots.entrySet()) {
            if (e.getKey().endsWith("@" + node) && !shown.contains(e.getKey())
                    && e.getValue().mustBeThereAt(read.invoke().timeMicros())) {
                return "its own presence " + e.getKey() + " is missing (read your writes)";
            }
        }
        return null;
    }

    private static TreeMap<String, Slot> slots(RunRecord run) {
        TreeMap<String, Slot> slots = new TreeMap<>();
        for (History.Operation op : run.history().operations()) {
            if (!op.f().equals("join") && !op.f().equals("leave")) {
                continue;
            }
            String node = op.invoke().node();
            String key = op.invoke().value() + "@" + node;
            Slot slot = slots.computeIfAbsent(key, k -> new Slot(new ArrayList<>(), new ArrayList<>(),
                    run.downtimesOf(NodeId.of(node))));
            (op.f().equals("join") ? slot.joins() : slot.leaves()).add(op);
        }
        return slots;
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                out.add(Objects.toString(o));
            }
        }
        return out;
    }
}
