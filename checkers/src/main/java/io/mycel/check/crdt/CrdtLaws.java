package io.mycel.check.crdt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The laws every state-based CRDT must obey, checked over many seeded random states: merge is
 * commutative, associative and idempotent, and every update is an inflation (the new state is at
 * least the old one: merging the old into the new changes nothing). States are drawn realistically:
 * a few replicas apply random updates and gossip with random merges, and the states they pass
 * through are the ones tested. A violation names its seed and is shrunk by dropping steps while the
 * same law still breaks, so it shows the fewest updates and merges that break it.
 */
public final class CrdtLaws {

    /** One broken law, with the seed, the steps that lead to it, and the states that show it. */
    public record Violation(String law, long seed, List<String> steps, List<String> states) {
        @Override
        public String toString() {
            return law + " fails (seed " + seed + ") after " + steps + " for " + String.join(" ; ", states);
        }
    }

    private static final int REPLICAS = 3;
    /** The laws pair the newest state with one of the last few seen. */
    private static final int PICK_RANGE = 8;

    /**
     * One drawn step: replica {@code replica} applies {@code update}, or (when update is null) merges
     * in {@code partner}'s state; then the laws are tested on its new state and two states seen so
     * far, picked by {@code pickB} and {@code pickC} (counted back from the newest).
     */
    private record Step<U>(int replica, U update, int partner, int pickB, int pickC) {
        @Override
        public String toString() {
            return update == null ? "r" + replica + " merges r" + partner : "r" + replica + " " + update;
        }
    }

    private CrdtLaws() {
    }

    /**
     * Checks the laws for seeds {@code 0..seeds-1}, each a run of {@code steps} random updates and
     * merges. Returns the violations found, each shrunk, at most one per law.
     */
    public static <S, U> List<Violation> check(CrdtSpec<S, U> spec, int seeds, int steps) {
        List<Violation> found = new ArrayList<>();
        for (long seed = 0; seed < seeds; seed++) {
            List<Step<U>> run = draw(spec, seed, steps);
            Violation v = replay(spec, seed, run);
            if (v != null && found.stream().noneMatch(f -> f.law().equals(v.law()))) {
                found.add(shrink(spec, seed, run, v));
            }
        }
        return found;
    }

    private static <S, U> List<Step<U>> draw(CrdtSpec<S, U> spec, long seed, int steps) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Step<U>> run = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            int replica = random.nextInt(REPLICAS);
            boolean merge = random.nextInt(3) == 0;
            U update = merge ? null : spec.randomUpdate(random);
            run.add(new Step<>(replica, update, random.nextInt(REPLICAS), random.nextInt(PICK_RANGE), random.nextInt(PICK_RANGE)));
        }
        return run;
    }

    private static <S, U> Violation replay(CrdtSpec<S, U> spec, long seed, List<Step<U>> run) {
        List<S> replicas = new ArrayList<>();
        for (int i = 0; i < REPLICAS; i++) {
            replicas.add(spec.empty());
        }
        List<S> seen = new ArrayList<>(replicas);
        for (int i = 0; i < run.size(); i++) {
            Step<U> step = run.get(i);
            S before = replicas.get(step.replica());
            S after;
            if (step.update() == null) {
                after = spec.merge(before, replicas.get(step.partner()));
            } else {
                after = spec.update(before, step.replica(), step.update());
                if (!Objects.equals(spec.merge(after, before), after)) {
                    return violation("update is an inflation (merge(new, old) = new)", seed, run, i, before, after);
                }
            }
            replicas.set(step.replica(), after);
            seen.add(after);
            // Counted back from the newest, so dropping an earlier step keeps the same states paired.
            S b = seen.get(seen.size() - 1 - step.pickB() % seen.size());
            S c = seen.get(seen.size() - 1 - step.pickC() % seen.size());
            if (!Objects.equals(spec.merge(after, after), after)) {
                return violation("merge is idempotent", seed, run, i, after);
            }
            if (!Objects.equals(spec.merge(after, b), spec.merge(b, after))) {
                return violation("merge is commutative", seed, run, i, after, b);
            }
            if (!Objects.equals(spec.merge(spec.merge(after, b), c), spec.merge(after, spec.merge(b, c)))) {
                return violation("merge is associative", seed, run, i, after, b, c);
            }
        }
        return null;
    }

    @SafeVarargs
    private static <S, U> Violation violation(String law, long seed, List<Step<U>> run, int at, S... states) {
        List<String> steps = new ArrayList<>();
        for (Step<U> step : run.subList(0, at + 1)) {
            steps.add(step.toString());
        }
        List<String> shown = new ArrayList<>();
        for (S state : states) {
            shown.add(String.valueOf(state));
        }
        return new Violation(law, seed, steps, shown);
    }

    /** Drops steps one at a time, keeping each drop after which the same law still breaks, until none can go. */
    private static <S, U> Violation shrink(CrdtSpec<S, U> spec, long seed, List<Step<U>> run, Violation violation) {
        List<Step<U>> current = new ArrayList<>(run.subList(0, violation.steps().size()));
        Violation best = violation;
        boolean shrunk = true;
        while (shrunk) {
            shrunk = false;
            for (int i = current.size() - 1; i >= 0; i--) {
                List<Step<U>> candidate = new ArrayList<>(current);
                candidate.remove(i);
                Violation v = replay(spec, seed, candidate);
                if (v != null && v.law().equals(violation.law())) {
                    current = new ArrayList<>(candidate.subList(0, v.steps().size()));
                    best = v;
                    shrunk = true;
                    break;
                }
            }
        }
        return best;
    }
}
