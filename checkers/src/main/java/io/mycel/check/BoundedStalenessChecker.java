package io.mycel.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Local reads with a stated staleness (metadata tables): a {@code table-read} of a row answers
 * {@code [row [value staleness]]}, claiming that the value holds every write to the row that
 * completed more than {@code staleness} microseconds before the read began. {@code table-write}
 * operations write {@code [row value]}.
 *
 * <p>A read fails the check when its value was never written (by a write begun before the read
 * ended), or when every write that could have produced it was followed, before the read's cut
 * (its start minus its staleness), by another completed write: the node then showed a value older
 * than it said. A read that states no staleness (null) promises nothing about age and is only
 * held to the first rule. Values are assumed distinct enough that a value names its write; where
 * several writes wrote it, the read is judged by the freshest.
 */
public final class BoundedStalenessChecker {

    public static final String NAME = "bounded-staleness";

    private BoundedStalenessChecker() {
    }

    private record Write(Object value, long invokeMicros, long completeMicros, boolean ok, long index) {
    }

    public static CheckResult check(History history) {
        Map<String, List<Write>> writes = new TreeMap<>();
        List<History.Operation> reads = new ArrayList<>();
        for (History.Operation op : history.operations()) {
            if (op.f().equals("table-write") && op.outcome() != Op.Type.FAIL) {
                List<?> pair = (List<?>) op.invoke().value();
                long complete = op.isOk() ? op.completion().timeMicros() : Long.MAX_VALUE;
                writes.computeIfAbsent(String.valueOf(pair.get(0)), k -> new ArrayList<>())
                        .add(new Write(pair.get(1), op.invoke().timeMicros(), complete, op.isOk(), op.invoke().index()));
            } else if (op.f().equals("table-read") && op.isOk()) {
                reads.add(op);
            }
        }
        long stated = 0;
        long worstStaleMicros = 0;
        for (History.Operation read : reads) {
            List<?> answer = (List<?>) read.completion().value();
            String row = String.valueOf(answer.get(0));
            List<?> valueAndStaleness = (List<?>) answer.get(1);
            Object value = valueAndStaleness.get(0);
            Long staleness = valueAndStaleness.get(1) == null ? null : ((Number) valueAndStaleness.get(1)).longValue();
            List<Write> rowWrites = writes.getOrDefault(row, List.of());
            String problem = judge(read, row, value, staleness, rowWrites);
            if (problem != null) {
                Map<String, Object> evidence = new LinkedHashMap<>();
                evidence.put("read_line", read.invoke().index() + 1);
                evidence.put("row", row);
                evidence.put("value", value);
                evidence.put("stated_staleness_micros", staleness);
                return new CheckResult(NAME, Verdict.FAIL, problem, evidence);
            }
            if (staleness != null) {
                stated++;
                worstStaleMicros = Math.max(worstStaleMicros, staleness);
            }
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("reads", reads.size());
        evidence.put("reads_with_staleness", stated);
        evidence.put("largest_stated_staleness_micros", worstStaleMicros);
        if (reads.isEmpty()) {
            return new CheckResult(NAME, Verdict.UNKNOWN, "no table reads were answered", evidence);
        }
        return new CheckResult(NAME, Verdict.PASS, String.format("%d local reads no staler than stated (%d stated a bound;"
                + " the largest %.3f s)", reads.size(), stated, worstStaleMicros / 1e6), evidence);
    }

    private static String judge(History.Operation read, String row, Object value, Long staleness, List<Write> rowWrites) {
        long readStart = read.invoke().timeMicros();
        long readEnd = read.completion().timeMicros();
        List<Write> sources = rowWrites.stream()
                .filter(w -> Objects.equals(w.value(), value) && w.invokeMicros() < readEnd).toList();
        if (value != null && sources.isEmpty()) {
            return "the read of " + row + " at line " + (read.invoke().index() + 1) + " returned " + value
                    + ", which no write had begun to write";
        }
        if (staleness == null) {
            return null;
        }
        long cut = readStart - staleness;
        // The latest time any possible source could have stopped being the row's value is when a
        // later write, begun after that source completed, completed itself.
        for (Write overwrite : rowWrites) {
            if (!overwrite.ok() || overwrite.completeMicros() >= cut) {
                continue;
            }
            boolean allOverwritten = value == null
                    ? true
                    : sources.stream().allMatch(s -> s.completeMicros() < overwrite.invokeMicros());
            if (allOverwritten) {
                return "the read of " + row + " at line " + (read.invoke().index() + 1) + " returned " + value
                        + " stating it at most " + staleness + " us stale, but the write at line " + (overwrite.index() + 1)
                        + " (" + overwrite.value() + ") had replaced it " + (readStart - overwrite.completeMicros())
                        + " us before the read began";
            }
        }
        return null;
    }
}
