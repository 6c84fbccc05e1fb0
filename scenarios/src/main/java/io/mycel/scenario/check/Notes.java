package io.mycel.scenario.check;

import io.mycel.check.CheckResult;
import io.mycel.check.Verdict;
import io.mycel.node.api.Durations;
import io.mycel.node.api.NodeId;
import io.mycel.scenario.run.RunRecord;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The note names the checks read, and what the checks share: indexing notes, figures, evidence. */
final class Notes {

    static final String MEMBER_DEAD = "member-dead";
    static final String BCAST_SEND = "bcast-send";
    static final String BCAST_DELIVER = "bcast-deliver";

    /** Offending cases a check names in its evidence; the counts cover the rest. */
    static final int MAX_CASES = 5;

    private Notes() {
    }

    /** Times of one kind of note, by emitting node and then by detail, each list in time order. */
    static Map<NodeId, Map<String, List<Long>>> times(RunRecord run, String event) {
        Map<NodeId, Map<String, List<Long>>> times = new TreeMap<>();
        for (RunRecord.Note note : run.notes()) {
            if (note.event().equals(event) && note.detail() != null) {
                times.computeIfAbsent(note.node(), k -> new TreeMap<>())
                        .computeIfAbsent(note.detail(), k -> new ArrayList<>()).add(note.timeMicros());
            }
        }
        return times;
    }

    /** The first time in [from, until] that {@code node} emitted the note with {@code detail}, or -1. */
    static long first(Map<NodeId, Map<String, List<Long>>> times, NodeId node, String detail, long fromMicros,
                      long untilMicros) {
        List<Long> list = times.getOrDefault(node, Map.of()).getOrDefault(detail, List.of());
        int at = Collections.binarySearch(list, fromMicros);
        if (at < 0) {
            at = -at - 1;
        } else {
            while (at > 0 && list.get(at - 1) == fromMicros) {
                at--;   // binary search lands on any of equal times; the first one counts
            }
        }
        return at < list.size() && list.get(at) <= untilMicros ? list.get(at) : -1;
    }

    /** Minimum, lower median and maximum, in microseconds, for the evidence. */
    static Map<String, Object> spread(List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", sorted.size());
        if (!sorted.isEmpty()) {
            out.put("minMicros", sorted.get(0));
            out.put("medianMicros", sorted.get((sorted.size() - 1) / 2));
            out.put("maxMicros", sorted.get(sorted.size() - 1));
        }
        return out;
    }

    /** {@code min 310ms, median 820ms, max 1.4s}, or {@code none measured}. */
    static String describe(List<Long> micros) {
        Map<String, Object> s = spread(micros);
        if (micros.isEmpty()) {
            return "none measured";
        }
        return "min " + time((Long) s.get("minMicros")) + ", median " + time((Long) s.get("medianMicros"))
                + ", max " + time((Long) s.get("maxMicros"));
    }

    /** {@code at + span}, held at the largest time instead of wrapping around, for bounds written in hours. */
    static long plus(long atMicros, long spanMicros) {
        return atMicros > Long.MAX_VALUE - spanMicros ? Long.MAX_VALUE : atMicros + spanMicros;
    }

    static String time(long micros) {
        return Durations.format(micros);
    }

    /** A span for people to read, rounded: {@code 850ms}, {@code 42.5s}, {@code 6.1h}. */
    static String readable(long micros) {
        if (micros < 1_000_000) {
            return micros / 1_000 + "ms";
        }
        if (micros < 3_600_000_000L) {
            return String.format(java.util.Locale.ROOT, "%.1fs", micros / 1e6);
        }
        return String.format(java.util.Locale.ROOT, "%.1fh", micros / 3.6e9);
    }

    /** Three significant digits, so a rate reads the same in the summary and the evidence. */
    static double round(double value) {
        return new BigDecimal(value).round(new MathContext(3)).doubleValue();
    }

    /** A rounded figure for a sentence: {@code 1.44}, {@code 0}, {@code 60000000} (never an exponent). */
    static String text(double rounded) {
        return BigDecimal.valueOf(rounded).stripTrailingZeros().toPlainString();
    }

    static void addCase(List<String> cases, String text) {
        if (cases.size() < MAX_CASES) {
            cases.add(text);
        }
    }

    /** The answer when the run emitted more notes than were kept: a missing note may be among those dropped. */
    static CheckResult tooManyNotes(String check, RunRecord run) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("notesKept", run.notes().size());
        evidence.put("notesDropped", run.notesDropped());
        return new CheckResult(check, Verdict.UNKNOWN, "not judged: the run emitted more notes than the lab keeps ("
                + run.notes().size() + " kept, " + run.notesDropped() + " dropped)", evidence);
    }
}
