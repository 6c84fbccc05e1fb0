package io.mycel.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Judges a grow-only counter history of {@code add} (positive deltas) and {@code read} operations.
 *
 * <ul>
 *   <li>No read sees more than was ever added: a read's value is at most the sum of every add not
 *       known to have failed that was invoked before (or at the instant) the read completed.
 *   <li>Read-your-writes per node: a read is at least the sum of the adds acknowledged by the same
 *       node before the read was invoked (a node never forgets an add it acknowledged).
 *   <li>After healing, final reads see exactly what was added: at least every acknowledged add, at
 *       most those plus the ones whose outcome is unknown.
 * </ul>
 * Bounds use prefix sums over adds sorted by time, so a check costs O((adds + reads) log adds).
 */
public final class CounterChecker {

    public static final String NAME = "counter";

    private CounterChecker() {
    }

    /** The adds of a history, tallied by outcome. */
    private record Adds(List<History.Operation> all, List<History.Operation> possible,
                        Map<String, List<History.Operation>> okByNode, long okSum, long unknownSum,
                        int ok, int unknown, int failed) {

        static Adds of(List<History.Operation> adds) {
            long okSum = 0;
            long unknownSum = 0;
            int ok = 0;
            int unknown = 0;
            int failed = 0;
            List<History.Operation> possible = new ArrayList<>();
            Map<String, List<History.Operation>> okByNode = new TreeMap<>();
            for (History.Operation add : adds) {
                switch (add.outcome()) {
                    case OK -> {
                        ok++;
                        okSum += add.invoke().longValue();
                        possible.add(add);
                        okByNode.computeIfAbsent(String.valueOf(add.invoke().node()), k -> new ArrayList<>()).add(add);
                    }
                    case FAIL -> failed++;
                    default -> {
                        unknown++;
                        unknownSum += add.invoke().longValue();
                        possible.add(add);
                    }
                }
            }
            return new Adds(adds, possible, okByNode, okSum, unknownSum, ok, unknown, failed);
        }

        String summary() {
            return all.size() + " adds (" + ok + " ok, " + unknown + " unknown, " + failed + " failed)";
        }
    }

    /** What is wrong with one read, and the bound it broke. */
    private record Problem(String what, long bound) {
    }

    public static CheckResult check(History history) {
        List<History.Operation> addOps = new ArrayList<>();
        List<History.Operation> reads = new ArrayList<>();
        for (History.Operation op : history.operations()) {
            if (op.f().equals("add")) {
                addOps.add(op);
            } else if (op.f().equals("read") && op.isOk()) {
                reads.add(op);
            }
        }
        Adds adds = Adds.of(addOps);
        PrefixSums invokedBefore = new PrefixSums(adds.possible(), op -> op.invoke().timeMicros());
        Map<String, PrefixSums> ackedBefore = new TreeMap<>();
        adds.okByNode().forEach((node, list) -> ackedBefore.put(node, new PrefixSums(list, History.Operation::completedMicros)));

        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("adds", adds.all().size());
        evidence.put("addsOk", adds.ok());
        evidence.put("addsUnknown", adds.unknown());
        evidence.put("addsFailed", adds.failed());
        evidence.put("ackedSum", adds.okSum());
        evidence.put("possibleSum", adds.okSum() + adds.unknownSum());

        int finals = 0;
        for (History.Operation read : reads) {
            finals += read.invoke().finalRead() ? 1 : 0;
            Problem problem = judge(read, adds, invokedBefore, ackedBefore);
            if (problem != null) {
                long value = read.completion().longValue();
                evidence.put("problem", problem.what());
                evidence.put("readIndex", read.completion().index());
                evidence.put("readNode", read.invoke().node());
                evidence.put("readValue", value);
                evidence.put("bound", problem.bound());
                evidence.put("readInvokedMicros", read.invoke().timeMicros());
                return new CheckResult(NAME, Verdict.FAIL, problem.what() + ": op " + read.completion().index() + " on "
                        + read.invoke().node() + " read " + value + ", bound " + problem.bound() + "; "
                        + adds.summary(), evidence);
            }
        }
        evidence.put("reads", reads.size());
        evidence.put("finalReads", finals);
        String summary = adds.summary() + "; " + reads.size() + " reads within bounds";
        if (finals == 0) {
            return new CheckResult(NAME, Verdict.PASS, summary + " (no final reads)", evidence);
        }
        return new CheckResult(NAME, Verdict.PASS, summary + "; final reads in [" + adds.okSum() + ", "
                + (adds.okSum() + adds.unknownSum()) + "]", evidence);
    }

    /** The problem with one read, or null. */
    private static Problem judge(History.Operation read, Adds adds, PrefixSums invokedBefore,
                                 Map<String, PrefixSums> ackedBefore) {
        long value = read.completion().longValue();
        long okSum = adds.okSum();
        long unknownSum = adds.unknownSum();
        if (read.invoke().finalRead()) {
            if (value < okSum) {
                return new Problem("final read below the acknowledged adds", okSum);
            }
            return value > okSum + unknownSum
                    ? new Problem("final read above every add that may have happened", okSum + unknownSum) : null;
        }
        // An add invoked at the very instant the read completed may be in it (zero latency).
        long upper = invokedBefore.sumUpTo(read.completion().timeMicros());
        PrefixSums own = ackedBefore.get(String.valueOf(read.invoke().node()));
        long lower = own == null ? 0 : own.sumBefore(read.invoke().timeMicros());
        if (value > upper) {
            return new Problem("read above every add invoked before it completed", upper);
        }
        return value < lower ? new Problem("read below the adds its node acknowledged before it began", lower) : null;
    }

    /** Sums of add deltas by time: {@link #sumBefore(long)} adds every delta with key below t. */
    private static final class PrefixSums {
        private final long[] keys;
        private final long[] sums;

        PrefixSums(List<History.Operation> adds, java.util.function.ToLongFunction<History.Operation> key) {
            List<History.Operation> sorted = new ArrayList<>(adds);
            sorted.sort(Comparator.comparingLong(key));
            keys = new long[sorted.size()];
            sums = new long[sorted.size() + 1];
            for (int i = 0; i < sorted.size(); i++) {
                keys[i] = key.applyAsLong(sorted.get(i));
                sums[i + 1] = sums[i] + sorted.get(i).invoke().longValue();
            }
        }

        /** Sum of the deltas with key strictly below t. */
        long sumBefore(long t) {
            return sums[firstAtOrAbove(t)];
        }

        /** Sum of the deltas with key at or below t. */
        long sumUpTo(long t) {
            return t == Long.MAX_VALUE ? sums[keys.length] : sums[firstAtOrAbove(t + 1)];
        }

        private int firstAtOrAbove(long t) {
            int i = Arrays.binarySearch(keys, t);
            if (i < 0) {
                return -i - 1;
            }
            while (i > 0 && keys[i - 1] == t) {
                i--;
            }
            return i;
        }
    }
}
