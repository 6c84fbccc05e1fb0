package io.mycel.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Mutual exclusion by fencing token, judged from a history of {@code acquire}, {@code write} and
 * {@code release} operations on locks. An acquire's value is {@code [lock token]} (the token known
 * once it is ok); a write's is {@code [lock [token value]]}, a write of the resource the lock
 * guards, made with that token; a release's is {@code [lock token]}.
 *
 * <p>Leases alone cannot give mutual exclusion (a holder may be paused past its lease and not
 * know), so the property is the one fencing gives (Kleppmann's fencing tokens), per lock:
 * <ol>
 *   <li>every token is granted once, and tokens grow in real time: an acquire invoked after another
 *       completed gets a higher token;</li>
 *   <li>the resource takes writes in token order: a write invoked after another was accepted is
 *       accepted only with a token at least as high, so once a newer holder has written, a holder
 *       whose lease ran out can no longer act with its stale token;</li>
 *   <li>every accepted write carries a token some acquire was granted (a client learns a token
 *       only from an acquire's answer, so one from an acquire that timed out is never used); a
 *       write without a token (0) is never accepted.</li>
 * </ol>
 * A stale holder may still write before the next holder's first write reaches the resource; its
 * write is then ordered before all of the newer holder's, which is what fencing promises.
 * Failed writes are the fence doing its job and are counted as rejected stale writes.
 */
public final class FencedLockChecker {

    public static final String NAME = "fenced-lock";

    private FencedLockChecker() {
    }

    private record Acquire(long token, long invokeMicros, long completeMicros, long index) {
    }

    private record Write(long token, long invokeMicros, long completeMicros, long index) {
    }

    public static CheckResult check(History history) {
        Map<Object, List<Acquire>> acquires = new TreeMap<>(FencedLockChecker::compareKeys);
        Map<Object, List<Write>> writes = new TreeMap<>(FencedLockChecker::compareKeys);
        Map<Object, Set<Long>> granted = new TreeMap<>(FencedLockChecker::compareKeys);
        long rejected = 0;
        long ops = 0;
        for (History.Operation op : history.operations()) {
            if (!op.f().equals("acquire") && !op.f().equals("write")) {
                continue;
            }
            ops++;
            Object lock = key(op.invoke().value());
            if (op.f().equals("acquire")) {
                if (op.isOk()) {
                    long token = number(second(op.completion().value()));
                    acquires.computeIfAbsent(lock, k -> new ArrayList<>()).add(new Acquire(token,
                            op.invoke().timeMicros(), op.completion().timeMicros(), op.invoke().index()));
                    if (!granted.computeIfAbsent(lock, k -> new TreeSet<>()).add(token)) {
                        return fail("token " + token + " of lock " + lock + " was granted twice (again at line "
                                + (op.invoke().index() + 1) + ")", ops);
                    }
                }
            } else {
                List<?> tokenAndValue = (List<?>) second(op.invoke().value());
                long token = number(tokenAndValue.get(0));
                if (op.isOk()) {
                    writes.computeIfAbsent(lock, k -> new ArrayList<>()).add(new Write(token, op.invoke().timeMicros(),
                            op.completion().timeMicros(), op.invoke().index()));
                } else if (op.outcome() == Op.Type.FAIL) {
                    rejected++;
                }
            }
        }
        for (Map.Entry<Object, List<Acquire>> e : acquires.entrySet()) {
            String problem = tokensGrow(e.getKey(), e.getValue());
            if (problem != null) {
                return fail(problem, ops);
            }
        }
        for (Map.Entry<Object, List<Write>> e : writes.entrySet()) {
            String problem = writesFenced(e.getKey(), e.getValue(), granted.getOrDefault(e.getKey(), Set.of()));
            if (problem != null) {
                return fail(problem, ops);
            }
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("locks", acquires.size());
        evidence.put("grants", acquires.values().stream().mapToInt(List::size).sum());
        evidence.put("accepted_writes", writes.values().stream().mapToInt(List::size).sum());
        evidence.put("rejected_stale_writes", rejected);
        if (acquires.isEmpty() && writes.isEmpty()) {
            return new CheckResult(NAME, Verdict.UNKNOWN, "no lock was granted and no write accepted", evidence);
        }
        return new CheckResult(NAME, Verdict.PASS, evidence.get("grants") + " grants and " + evidence.get("accepted_writes")
                + " accepted writes kept mutual exclusion by token; " + rejected + " stale writes were fenced off", evidence);
    }

    private static String tokensGrow(Object lock, List<Acquire> acquires) {
        for (Acquire a : acquires) {
            for (Acquire b : acquires) {
                if (b.invokeMicros() > a.completeMicros() && b.token() <= a.token()) {
                    return "lock " + lock + ": the acquire at line " + (b.index() + 1) + " got token " + b.token()
                            + ", not above token " + a.token() + " granted before it began (line " + (a.index() + 1) + ")";
                }
            }
        }
        return null;
    }

    private static String writesFenced(Object lock, List<Write> writes, Set<Long> asked) {
        for (Write w : writes) {
            if (!asked.contains(w.token())) {
                return "lock " + lock + ": the write at line " + (w.index() + 1) + " was accepted with token " + w.token()
                        + (w.token() == 0 ? ", that is without holding the lock" : ", which no acquire was granted");
            }
            for (Write earlier : writes) {
                if (w.invokeMicros() > earlier.completeMicros() && w.token() < earlier.token()) {
                    return "lock " + lock + ": the write at line " + (w.index() + 1) + " was accepted with token "
                            + w.token() + " after a write with token " + earlier.token() + " (line "
                            + (earlier.index() + 1) + "): a holder acted after its lock had passed on";
                }
            }
        }
        return null;
    }

    private static CheckResult fail(String problem, long ops) {
        return new CheckResult(NAME, Verdict.FAIL, problem, Map.of("lock_operations", ops));
    }

    private static Object key(Object value) {
        return ((List<?>) value).get(0);
    }

    private static Object second(Object value) {
        return ((List<?>) value).get(1);
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(Object a, Object b) {
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }
}
