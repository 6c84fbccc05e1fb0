package io.mycel.scenario.shrink;

import io.mycel.check.CheckResult;
import io.mycel.check.Verdict;
import io.mycel.faults.FaultPlan;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioWriter;
import io.mycel.scenario.run.RunResult;
import io.mycel.scenario.run.ScenarioRunner;
import io.mycel.faults.FaultEpisodes;
import io.mycel.faults.FaultEpisodes.Episode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Searches for a smaller run that fails the same way as a failing seed: the same check fails (or,
 * when node code threw, the run breaks again). Every candidate is the same seed replayed
 * deterministically on a reduced scenario, and a reduction is kept only when its candidate still
 * fails so. The reductions, repeated until none helps (or the budget is spent):
 *
 * <ol>
 *   <li>the random nemeses' draws become fixed faults, then delta debugging (ddmin, over
 *       complements) removes fault episodes: a fault with the step that mends it;</li>
 *   <li>nodes no fault names are dropped from the end, half of them at first, then fewer;</li>
 *   <li>each remaining episode is made shorter, by halves;</li>
 *   <li>the whole schedule is moved earlier, so the run can end sooner;</li>
 *   <li>the run is made shorter, by bisection down to just after the last fault;</li>
 *   <li>the workload gets fewer clients, a lower rate, and fewer kinds of operation;</li>
 *   <li>the network is calmed: no loss, duplication or reordering, no per-link overrides;</li>
 *   <li>once none of the above helps, ddmin removes client operations: the minimal run performs
 *       only those it keeps (the workload's {@code only}), each drawn as it was in the original run.</li>
 * </ol>
 *
 * Node and client random streams are forked by name from the seed, so removing one part of a run
 * leaves the others' draws as they were, which is what lets a reduction keep the failure.
 */
public final class Shrinker {

    /** A search budget: candidates replayed at most, and wall time. */
    public record Options(int maxCandidates, long budgetNanos) {
        public static final Options DEFAULT = new Options(400, 180_000_000_000L);
    }

    /** Hears each reduction kept. */
    public interface Log {
        void kept(String reduction, RunResult run);
    }

    /**
     * @param target the check that fails, or {@value #RUN_BROKE}
     * @param faultStepsBefore the original run's fault steps, random draws included
     * @param minimal the smallest scenario found, with {@code faults} as its whole schedule and no nemeses
     */
    public record Result(Scenario original, long seed, String target, RunResult before, int faultStepsBefore, Scenario minimal,
                         RunResult after, int candidates, long wallNanos, boolean budgetSpent) {

        public FaultPlan faults() {
            return minimal.faults();
        }

        /** Writes the minimal run as a scenario file with its seed fixed, saying where it came from. */
        public void write(Path file) throws IOException {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            String header = "Shrunk from " + original.source() + " seed " + seed + ", failing " + target + ":\n"
                    + before.stats().events() + " events -> " + after.stats().events() + ", " + faultStepsBefore + " fault steps -> "
                    + faults().steps().size() + ", " + before.operationCount() + " client operations -> " + after.operationCount()
                    + ", " + candidates + " candidate runs.\nReplay: ./mycel run THIS_FILE";
            Files.writeString(file, ScenarioWriter.toYaml(minimal, header, seed, faults()), StandardCharsets.UTF_8);
        }
    }

    public static final String RUN_BROKE = "(run broke)";

    private final long seed;
    private final Options options;
    private final Log log;
    private final long startNanos = System.nanoTime();
    private String target;
    private Scenario current;
    private RunResult best;
    private int candidates;

    private Shrinker(long seed, Options options, Log log) {
        this.seed = seed;
        this.options = options;
        this.log = log;
    }

    /** @throws IllegalArgumentException when the seed does not fail */
    public static Result shrink(Scenario scenario, long seed, Options options, Log log) {
        Shrinker s = new Shrinker(seed, options, log);
        // Reductions edit the scenario this seed ran: with parameters left to the seed, that is its draw.
        Scenario concrete = scenario.forSeed(seed);
        RunResult before = ScenarioRunner.run(concrete, seed, null, null);
        s.target = targetOf(before);
        if (s.target == null) {
            throw new IllegalArgumentException(scenario.name() + " seed " + seed + " does not fail: nothing to shrink");
        }
        s.current = concrete;
        s.best = before;
        FaultPlan drawn = ScenarioRunner.drawPlan(concrete, seed);
        s.run(drawn);
        if (s.current.workload().only() != null) {
            // Operations past the run's end, and clients left with none, change nothing: leave them out of the file.
            s.current = ScenarioEdits.withOperations(s.current, s.best.operationsPerformed());
        }
        Scenario minimal = ScenarioEdits.shrunk(s.current, scenario.expectedFailures().isEmpty() ? Set.of() : failing(s.best));
        return new Result(scenario, seed, s.target, before, drawn.steps().size(), minimal, s.best, s.candidates, System.nanoTime() - s.startNanos,
                s.spent());
    }

    private void run(FaultPlan drawn) {
        if (!attempt(ScenarioEdits.withFaults(current, drawn), "random faults drawn for the seed, fixed")) {
            return;   // cannot happen while draws are independent of everything else; then nothing is reduced
        }
        for (int round = 0; round < 6 && !spent(); round++) {
            // Fewer nodes early makes every later candidate cheaper to replay.
            boolean changed = removeEpisodes();
            changed |= dropNodes();
            changed |= shortenEpisodes();
            changed |= moveFaultsEarlier();
            changed |= shortenRun();
            changed |= shrinkWorkload();
            changed |= calmNetwork();
            // Operation by operation costs the most candidates, so it waits until the coarse steps stop helping.
            if (!changed && !removeOperations()) {
                return;
            }
        }
    }

    /** ddmin over the episodes of the current schedule. */
    private boolean removeEpisodes() {
        FaultPlan base = current.faults();
        List<Episode> units = FaultEpisodes.of(base);
        if (units.isEmpty()) {
            return false;
        }
        if (attempt(ScenarioEdits.withFaults(current, FaultPlan.empty()), "every fault removed")) {
            return true;
        }
        return ddmin(units, kept -> ScenarioEdits.withFaults(current, FaultEpisodes.keep(base, kept)), "fault episodes");
    }

    /**
     * ddmin over the client operations the current run performed: each is one operation number of
     * one client, and a candidate performs a subset of them (the others skipped).
     */
    private boolean removeOperations() {
        List<long[]> units = new ArrayList<>();
        best.operationsPerformed().forEach((client, ops) -> ops.forEach(op -> units.add(new long[] {client, op})));
        if (units.isEmpty()) {
            return false;
        }
        if (attempt(ScenarioEdits.withOperations(current, Map.of()), "every client operation removed")) {
            return true;
        }
        return ddmin(units, kept -> ScenarioEdits.withOperations(current, selection(kept)), "client operations");
    }

    private static Map<Integer, List<Integer>> selection(List<long[]> operations) {
        Map<Integer, List<Integer>> only = new TreeMap<>();
        for (long[] op : operations) {
            only.computeIfAbsent((int) op[0], c -> new ArrayList<>()).add((int) op[1]);
        }
        return only;
    }

    /**
     * Delta debugging by complements (Zeller's ddmin): tries the units without one of {@code n} chunks,
     * keeps the first such candidate that fails the same way, and refines the chunks when none does.
     *
     * @return whether any unit was removed
     */
    private <T> boolean ddmin(List<T> units, Function<List<T>, Scenario> candidate, String what) {
        int before = units.size();
        int n = 2;
        while (units.size() >= 2 && !spent()) {
            int chunk = (units.size() + n - 1) / n;
            boolean reduced = false;
            for (int start = 0; start < units.size(); start += chunk) {
                List<T> complement = new ArrayList<>(units.subList(0, start));
                complement.addAll(units.subList(Math.min(units.size(), start + chunk), units.size()));
                if (attempt(candidate.apply(complement), what + " " + units.size() + " -> " + complement.size())) {
                    units = complement;
                    n = Math.max(n - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (n >= units.size()) {
                    break;
                }
                n = Math.min(n * 2, units.size());
            }
        }
        return units.size() < before;
    }

    /** Halves each episode's length while the failure holds, up to three times each. */
    private boolean shortenEpisodes() {
        boolean changed = false;
        for (int e = 0; e < FaultEpisodes.of(current.faults()).size(); e++) {
            for (int tries = 0; tries < 3 && !spent(); tries++) {
                FaultPlan shorter = FaultEpisodes.halve(current.faults(), FaultEpisodes.of(current.faults()).get(e));
                if (shorter == null || !attempt(ScenarioEdits.withFaults(current, shorter), "a fault episode halved")) {
                    break;
                }
                changed = true;
            }
        }
        return changed;
    }

    /** Moves every fault earlier by one shift: first to 0.5 s, else a quarter, else half of the first fault's time. */
    private boolean moveFaultsEarlier() {
        List<FaultPlan.Step> steps = current.faults().steps();
        if (steps.isEmpty()) {
            return false;
        }
        long first = steps.get(0).atMicros();
        for (long to : new long[] {500_000, first / 4, first / 2}) {
            long shift = (first - to) / 1_000 * 1_000;
            if (shift <= 0 || spent()) {
                continue;
            }
            List<FaultPlan.Step> moved = new ArrayList<>();
            for (FaultPlan.Step step : steps) {
                moved.add(new FaultPlan.Step(step.atMicros() - shift, step.fault()));
            }
            if (attempt(ScenarioEdits.withFaults(current, new FaultPlan(moved)),
                    "faults moved " + io.mycel.node.api.Durations.format(shift) + " earlier")) {
                return true;
            }
        }
        return false;
    }

    /** Bisects the duration down towards just after the last fault. */
    private boolean shortenRun() {
        List<FaultPlan.Step> steps = current.faults().steps();
        long low = Math.max(500_000, steps.isEmpty() ? 0 : steps.get(steps.size() - 1).atMicros() + 1_000);
        long high = current.durationMicros();
        boolean changed = false;
        for (int i = 0; i < 8 && high - low > Math.max(100_000, high / 20) && !spent(); i++) {
            long mid = (low + high) / 2 / 1_000 * 1_000;
            if (mid <= low || mid >= high) {
                break;
            }
            if (attempt(ScenarioEdits.withDuration(current, mid), "run shortened to " + io.mycel.node.api.Durations.format(mid))) {
                high = mid;
                changed = true;
            } else {
                low = mid;
            }
        }
        return changed;
    }

    private boolean shrinkWorkload() {
        boolean changed = false;
        Scenario.Workload w = current.workload();
        if (w.clients() > 1) {
            changed |= attempt(ScenarioEdits.withWorkload(current, w.clients() > 2 ? w.clients() / 2 : 1, w.ratePerSecond(), w.mix()),
                    "clients halved")
                    || attempt(ScenarioEdits.withWorkload(current, 1, w.ratePerSecond(), w.mix()), "one client");
        }
        for (int i = 0; i < 3 && !spent(); i++) {
            w = current.workload();
            if (w.ratePerSecond() / 2 < 1 || !attempt(ScenarioEdits.withWorkload(current, w.clients(), w.ratePerSecond() / 2, w.mix()),
                    "rate halved")) {
                break;
            }
            changed = true;
        }
        for (String op : new ArrayList<>(current.workload().mix().keySet())) {
            w = current.workload();
            if (w.mix().size() > 1) {
                java.util.Map<String, Double> fewer = new java.util.LinkedHashMap<>(w.mix());
                fewer.remove(op);
                changed |= attempt(ScenarioEdits.withWorkload(current, w.clients(), w.ratePerSecond(), fewer), "no " + op + " operations");
            }
        }
        return changed;
    }

    /** Drops nodes from the end: half of them at once first, then fewer, down to one at a time. */
    private boolean dropNodes() {
        boolean changed = false;
        int count = current.nodes().ids().size() / 2;
        while (count >= 1 && !spent()) {
            List<io.mycel.node.api.NodeId> ids = current.nodes().ids();
            Scenario fewer = ScenarioEdits.withoutLastNodes(current, count);
            String what = count == 1 ? "node " + ids.get(ids.size() - 1) + " dropped" : count + " nodes dropped, " + ids.size() + " -> " + (ids.size() - count);
            if (fewer != null && attempt(fewer, what)) {
                changed = true;
                count = Math.min(count, current.nodes().ids().size() / 2);
            } else {
                count /= 2;
            }
        }
        return changed;
    }

    private boolean calmNetwork() {
        boolean changed = false;
        for (ScenarioEdits.Calm calm : ScenarioEdits.Calm.values()) {
            Scenario calmer = ScenarioEdits.calmer(current, calm);
            if (calmer != null) {
                changed |= attempt(calmer, calm.what());
            }
        }
        return changed;
    }

    /** Replays the candidate; keeps it when it fails the same way. */
    private boolean attempt(Scenario candidate, String reduction) {
        if (spent()) {
            return false;
        }
        candidates++;
        RunResult result = ScenarioRunner.run(candidate, seed, null, null);
        if (!failsTarget(result)) {
            return false;
        }
        current = candidate;
        best = result;
        log.kept(reduction, result);
        return true;
    }

    private boolean failsTarget(RunResult r) {
        if (target.equals(RUN_BROKE)) {
            return r.error() != null;
        }
        return r.error() == null && r.checks().stream().anyMatch(c -> c.check().equals(target) && c.verdict() == Verdict.FAIL);
    }

    private boolean spent() {
        return candidates >= options.maxCandidates() || System.nanoTime() - startNanos >= options.budgetNanos();
    }

    /** The first check that failed, in the scenario's order; RUN_BROKE when node code threw; null when none failed. */
    public static String targetOf(RunResult r) {
        if (r.error() != null) {
            return RUN_BROKE;
        }
        for (CheckResult c : r.checks()) {
            if (c.verdict() == Verdict.FAIL) {
                return c.check();
            }
        }
        return null;
    }

    private static Set<String> failing(RunResult r) {
        Set<String> failed = new LinkedHashSet<>();
        for (CheckResult c : r.checks()) {
            if (c.verdict() == Verdict.FAIL) {
                failed.add(c.check());
            }
        }
        return failed;
    }
}
