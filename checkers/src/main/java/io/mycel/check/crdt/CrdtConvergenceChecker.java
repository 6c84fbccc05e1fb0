package io.mycel.check.crdt;

import io.mycel.check.CheckResult;
import io.mycel.check.History;
import io.mycel.check.Op;
import io.mycel.check.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Judges a replicated (CRDT) value from its history: the client operations during the run, and each
 * replica's final read after faults healed and the system went quiet (reads marked final).
 *
 * <ol>
 *   <li>Convergence: every replica answered its final read, and all answered the same.
 *   <li>The converged value is explained by the operations: no acknowledged update is lost and
 *       nothing is invented. For a counter, the value lies between the acknowledged total and that
 *       total plus every update whose outcome is unknown; for a set, every element was added by
 *       someone, and every acknowledged add is there unless a remove of it could have seen it
 *       (add-wins: an add invoked after every remove of its element completed must survive); for a
 *       register, the value was written by someone, and is not the initial nil once a write was
 *       acknowledged.
 *   <li>Every read during the run is explained by some subset of the updates visible at the time
 *       (invoked before the read completed and not failed): a counter read is a subset sum of their
 *       deltas, a set read holds only elements they added, a register read is a value they wrote.
 * </ol>
 */
public final class CrdtConvergenceChecker {

    /** How many unexplained reads the evidence lists. */
    private static final int SHOWN = 5;

    private CrdtConvergenceChecker() {
    }

    /** What a history shows: updates not known to have failed, reads during the run, and final answers by node. */
    private record Observed(List<History.Operation> updates, List<History.Operation> reads,
                            Map<String, Object> answers, Map<String, Object> silent) {

        static Observed of(History history) {
            Observed seen = new Observed(new ArrayList<>(), new ArrayList<>(), new TreeMap<>(), new TreeMap<>());
            for (History.Operation op : history.operations()) {
                if (!op.f().equals("read")) {
                    if (op.outcome() != Op.Type.FAIL) {
                        seen.updates.add(op);
                    }
                } else if (op.invoke().finalRead()) {
                    // A final read may be retried; the last answer counts.
                    String node = String.valueOf(op.invoke().node());
                    if (op.isOk()) {
                        seen.answers.put(node, op.completion().value());
                    } else {
                        seen.silent.put(node, op.outcome().jsonName());
                    }
                } else if (op.isOk()) {
                    seen.reads.add(op);
                }
            }
            seen.silent.keySet().removeAll(seen.answers.keySet());
            return seen;
        }
    }

    public static CheckResult check(History history, CrdtType type) {
        Observed seen = Observed.of(history);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("type", type.label());
        evidence.put("answers", seen.answers());
        evidence.put("unanswered", seen.silent());
        if (seen.answers().isEmpty() && seen.silent().isEmpty()) {
            return new CheckResult(type.checkName(), Verdict.UNKNOWN, "no final reads were made", evidence);
        }
        Semantics semantics = Semantics.of(type);
        List<String> problems = new ArrayList<>();
        convergence(seen, type, problems);
        finalValues(seen, type, semantics, problems, evidence);
        readsDuringRun(seen, semantics, problems, evidence);
        if (type == CrdtType.COUNTER) {
            monotonicReads(seen, problems, evidence);
        }
        evidence.put("updates", seen.updates().size());
        evidence.put("reads-during-run", seen.reads().size());
        if (!problems.isEmpty()) {
            evidence.put("problems", problems);
            return new CheckResult(type.checkName(), Verdict.FAIL, String.join("; ", problems), evidence);
        }
        return new CheckResult(type.checkName(), Verdict.PASS, seen.answers().size() + " replicas converged on "
                + seen.answers().values().iterator().next() + ", explained by the " + seen.updates().size()
                + " updates; " + seen.reads().size() + " reads during the run explained", evidence);
    }

    private static void convergence(Observed seen, CrdtType type, List<String> problems) {
        if (!seen.silent().isEmpty()) {
            problems.add(seen.silent().size() + " of " + (seen.answers().size() + seen.silent().size())
                    + " replicas did not answer: " + seen.silent().keySet());
        }
        if (seen.answers().values().stream().map(v -> canonical(v, type)).distinct().count() > 1) {
            problems.add("replicas disagree: " + seen.answers());
        }
    }

    /** Each distinct final value is explained once, naming the replicas that hold it. */
    private static void finalValues(Observed seen, CrdtType type, Semantics semantics, List<String> problems,
                                    Map<String, Object> evidence) {
        Map<Object, List<String>> holders = new LinkedHashMap<>();
        for (Map.Entry<String, Object> answer : seen.answers().entrySet()) {
            holders.computeIfAbsent(canonical(answer.getValue(), type), v -> new ArrayList<>()).add(answer.getKey());
        }
        List<String> finalProblems = new ArrayList<>();
        for (Map.Entry<Object, List<String>> held : holders.entrySet()) {
            String wrong = semantics.explainFinal(seen.answers().get(held.getValue().get(0)), seen.updates());
            if (wrong != null) {
                finalProblems.add(String.join(", ", held.getValue()) + ": " + wrong);
            }
        }
        if (!finalProblems.isEmpty()) {
            problems.addAll(finalProblems);
            evidence.put("final-unexplained", finalProblems);
        }
    }

    private static void readsDuringRun(Observed seen, Semantics semantics, List<String> problems,
                                       Map<String, Object> evidence) {
        List<String> unexplained = new ArrayList<>();
        int count = 0;
        for (History.Operation read : seen.reads()) {
            String wrong = semantics.explainRead(read, seen.updates());
            if (wrong != null) {
                count++;
                if (unexplained.size() < SHOWN) {
                    unexplained.add("read at " + read.invoke().node() + " (entry " + read.invokeAt() + "): " + wrong);
                }
            }
        }
        if (count > 0) {
            problems.add(count + " read" + (count == 1 ? "" : "s") + " during the run not explained by the updates"
                    + " visible then, first " + unexplained.get(0));
            evidence.put("unexplained-reads", unexplained);
        }
    }

    /**
     * A counter whose updates all add never goes back in time on one node: a read that began after
     * another read at the same node had ended reads at least as much. (A store that syncs merged
     * state before answering keeps this even across its crashes.)
     */
    private static void monotonicReads(Observed seen, List<String> problems, Map<String, Object> evidence) {
        for (History.Operation u : seen.updates()) {
            if (!(u.invoke().value() instanceof Number n) || n.longValue() < 0) {
                return;   // subtractions may take a counter down: no order to hold it to
            }
        }
        TreeMap<String, List<History.Operation>> byNode = new TreeMap<>();
        for (History.Operation read : seen.reads()) {
            if (read.completion().value() instanceof Number) {
                byNode.computeIfAbsent(String.valueOf(read.invoke().node()), k -> new ArrayList<>()).add(read);
            }
        }
        List<String> backwards = new ArrayList<>();
        for (List<History.Operation> reads : byNode.values()) {
            List<History.Operation> byEnd = new ArrayList<>(reads);
            byEnd.sort(java.util.Comparator.comparingInt(History.Operation::completeAt));
            int ended = 0;
            long most = Long.MIN_VALUE;
            History.Operation mostRead = null;
            for (History.Operation read : reads) {   // in invocation order
                while (ended < byEnd.size() && byEnd.get(ended).completeAt() < read.invokeAt()) {
                    long v = ((Number) byEnd.get(ended).completion().value()).longValue();
                    if (v > most) {
                        most = v;
                        mostRead = byEnd.get(ended);
                    }
                    ended++;
                }
                long now = ((Number) read.completion().value()).longValue();
                if (mostRead != null && now < most && backwards.size() < SHOWN) {
                    backwards.add("at " + read.invoke().node() + " entry " + read.invokeAt() + " read " + now
                            + " after entry " + mostRead.invokeAt() + " had read " + most);
                }
            }
        }
        if (!backwards.isEmpty()) {
            problems.add("reads went back in time on a node: " + backwards.get(0));
            evidence.put("backward-reads", backwards);
        }
    }

    /** Set reads may list elements in any order: compare them as sorted text. Other values as they are. */
    static Object canonical(Object value, CrdtType type) {
        if (type == CrdtType.SET && value instanceof List<?> list) {
            return list.stream().map(String::valueOf).sorted().toList();
        }
        return value;
    }

    /** What explains a type's values. */
    private interface Semantics {
        /** Null when the final value is explained; otherwise what is wrong. */
        String explainFinal(Object value, List<History.Operation> updates);

        /** Null when the read during the run is explained; otherwise what is wrong. */
        String explainRead(History.Operation read, List<History.Operation> updates);

        static Semantics of(CrdtType type) {
            return switch (type) {
                case COUNTER -> new CounterSemantics();
                case SET -> new SetSemantics();
                case REGISTER -> new RegisterSemantics();
            };
        }
    }

    /** Updates visible to a read: invoked before it completed. */
    static List<History.Operation> visible(History.Operation read, List<History.Operation> updates) {
        List<History.Operation> out = new ArrayList<>();
        for (History.Operation u : updates) {
            if (u.invokeAt() < read.completeAt()) {
                out.add(u);
            }
        }
        return out;
    }

    private static final class CounterSemantics implements Semantics {
        @Override
        public String explainFinal(Object value, List<History.Operation> updates) {
            if (!(value instanceof Long n)) {
                return "a counter read " + value + ", not a whole number";
            }
            long acked = 0;
            long low = 0;
            long high = 0;
            for (History.Operation u : updates) {
                long delta = u.invoke().longValue();
                if (u.isOk()) {
                    acked += delta;
                } else if (delta < 0) {
                    low += delta;
                } else {
                    high += delta;
                }
            }
            long v = n.longValue();
            if (v < acked + low) {
                return "value " + v + " is below what the acknowledged adds make (" + (acked + low) + "): updates were lost";
            }
            if (v > acked + high) {
                return "value " + v + " is above every update that was attempted (" + (acked + high) + "): invented";
            }
            return null;
        }

        @Override
        public String explainRead(History.Operation read, List<History.Operation> updates) {
            if (!(read.completion().value() instanceof Long n)) {
                return "read " + read.completion().value() + ", not a whole number";
            }
            List<Long> deltas = new ArrayList<>();
            for (History.Operation u : visible(read, updates)) {
                deltas.add(u.invoke().longValue());
            }
            return SubsetSums.reachable(deltas, n.longValue()) ? null
                    : "value " + n.longValue() + " is no sum of the " + deltas.size() + " adds visible then";
        }
    }

    private static final class SetSemantics implements Semantics {

        @Override
        public String explainFinal(Object value, List<History.Operation> updates) {
            if (!(value instanceof List<?> elements)) {
                return "a set read " + value + ", not a list of elements";
            }
            List<String> present = canonicalStrings(elements);
            List<String> lost = new ArrayList<>();
            List<String> added = new ArrayList<>();
            for (History.Operation u : updates) {
                String element = String.valueOf(u.invoke().value());
                if (!u.f().equals("remove")) {
                    added.add(element);
                }
            }
            for (History.Operation u : updates) {
                String element = String.valueOf(u.invoke().value());
                if (u.f().equals("add") && u.isOk() && !present.contains(element) && !lost.contains(element)
                        && !removableBefore(u, element, Integer.MAX_VALUE, updates)) {
                    lost.add(element);
                }
            }
            List<String> invented = present.stream().filter(e -> !added.contains(e)).toList();
            if (!lost.isEmpty()) {
                return "acknowledged adds lost: " + lost;
            }
            return invented.isEmpty() ? null : "elements nobody added: " + invented;
        }

        @Override
        public String explainRead(History.Operation read, List<History.Operation> updates) {
            if (!(read.completion().value() instanceof List<?> elements)) {
                return "read " + read.completion().value() + ", not a list of elements";
            }
            List<String> added = new ArrayList<>();
            for (History.Operation u : visible(read, updates)) {
                if (u.f().equals("add")) {
                    added.add(String.valueOf(u.invoke().value()));
                }
            }
            List<String> present = canonicalStrings(elements);
            List<String> invented = present.stream().filter(e -> !added.contains(e)).toList();
            if (!invented.isEmpty()) {
                return "elements not added by then: " + invented;
            }
            List<String> missing = ownAddsMissing(read, present, updates);
            return missing.isEmpty() ? null : "own acknowledged adds missing (read your writes): " + missing;
        }

        /**
         * Read your writes, add-wins: an add acknowledged by the read's node before the read began
         * must be in it, unless some remove of its element could have seen it and reached the node
         * by the read's end (one not completed before the add was invoked, and invoked before the
         * read completed).
         */
        private static List<String> ownAddsMissing(History.Operation read, List<String> present,
                                                   List<History.Operation> updates) {
            List<String> missing = new ArrayList<>();
            for (History.Operation add : updates) {
                String element = String.valueOf(add.invoke().value());
                if (add.f().equals("add") && add.isOk() && add.completeAt() < read.invokeAt()
                        && Objects.equals(add.invoke().node(), read.invoke().node())
                        && !present.contains(element) && !missing.contains(element)
                        && !removableBefore(add, element, read.completeAt(), updates)) {
                    missing.add(element);
                }
            }
            return missing;
        }

        /**
         * Add-wins: true when some remove of the element could have seen {@code add} and been applied
         * before history position {@code until}: one invoked before it and not completed before the add
         * was invoked (a remove of unknown outcome may land at any time). An acknowledged add that no
         * remove could have seen must stay.
         */
        private static boolean removableBefore(History.Operation add, String element, int until,
                                               List<History.Operation> updates) {
            for (History.Operation u : updates) {
                if (u.f().equals("remove") && String.valueOf(u.invoke().value()).equals(element)
                        && u.invokeAt() < until && !(u.isOk() && u.completeAt() < add.invokeAt())) {
                    return true;
                }
            }
            return false;
        }

        private static List<String> canonicalStrings(List<?> elements) {
            return elements.stream().map(String::valueOf).sorted().toList();
        }
    }

    private static final class RegisterSemantics implements Semantics {
        @Override
        public String explainFinal(Object value, List<History.Operation> updates) {
            boolean anyAcked = false;
            for (History.Operation u : updates) {
                if (Objects.equals(u.invoke().value(), value)) {
                    return null;
                }
                anyAcked |= u.isOk();
            }
            if (value == null) {
                return anyAcked ? "nil, though a write was acknowledged: updates were lost" : null;
            }
            return "value " + value + " was never written: invented";
        }

        @Override
        public String explainRead(History.Operation read, List<History.Operation> updates) {
            Object value = read.completion().value();
            if (value == null) {
                return null;
            }
            for (History.Operation u : visible(read, updates)) {
                if (Objects.equals(u.invoke().value(), value)) {
                    return null;
                }
            }
            return "value " + value + " was not written by then";
        }
    }
}
