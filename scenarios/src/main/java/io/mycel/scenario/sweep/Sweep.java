package io.mycel.scenario.sweep;

import io.mycel.check.Verdict;
import io.mycel.scenario.Scenario;
import io.mycel.scenario.run.RunResult;
import io.mycel.scenario.run.ScenarioRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs many seeds of one scenario on several threads, one simulation per thread at a time.
 * Simulations share no mutable state, so a seed's run is the same whichever thread runs it and
 * whatever runs beside it; only the order results arrive in varies, and the outcome lists them by
 * seed.
 *
 * <p>Seeds are handed out in increasing order. Stopping at the first failure lets the runs already
 * started finish and starts no more, so the lowest failing seed is exact: every lower seed was
 * started before it and finishes. A time budget stops handing out seeds once spent.
 *
 * <p>Runs keep no output; the lowest {@value #WRITTEN_FAILURES} failing seeds are run once more
 * afterwards with their output written (trace, history, verdict), which determinism makes the same
 * runs.
 */
public final class Sweep {

    /** Failing seeds whose runs are written out again, the lowest first; the others are listed. */
    public static final int WRITTEN_FAILURES = 5;

    /**
     * @param jobs threads, at least 1
     * @param timeBudgetNanos wall time after which no further seed starts; 0 for none
     * @param stopAtFirstFailure stop handing out seeds once a run has not passed
     * @param out where failing seeds' runs are written again, or null to write nothing
     */
    public record Options(long firstSeed, long lastSeed, int jobs, long timeBudgetNanos, boolean stopAtFirstFailure, Path out) {
        public Options {
            if (jobs < 1 || lastSeed < firstSeed || timeBudgetNanos < 0) {
                throw new IllegalArgumentException("at least one job, a seed range low end first, a budget not below 0");
            }
        }
    }

    /** Hears each seed's result as it completes, from the thread that ran it. */
    public interface Listener {
        void seedDone(RunResult result, long done, long failures);
    }

    /**
     * @param failures the seeds that did not pass, by seed, each with its output when written
     * @param unmet the seeds whose checks did not come out as the file expects, by seed
     * @param seedsRun how many seeds ran to the end
     * @param stopReason why the sweep stopped before its last seed, or null when it ran them all
     */
    public record Outcome(Scenario scenario, Options options, List<RunResult> failures, List<Long> unmet, long seedsRun,
                          long wallNanos, String stopReason) {

        public double seedsPerSecond() {
            return seedsRun / Math.max(1e-9, wallNanos / 1e9);
        }

        /** The lowest seed that did not pass, or -1. */
        public long firstFailingSeed() {
            return failures.isEmpty() ? -1 : failures.get(0).seed();
        }
    }

    private Sweep() {
    }

    public static Outcome run(Scenario scenario, Options options, Listener listener) {
        long startNanos = System.nanoTime();
        AtomicLong nextSeed = new AtomicLong(options.firstSeed());
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<RunResult> failures = new ArrayList<>();
        List<Long> unmet = new ArrayList<>();
        String[] stopReason = new String[1];
        ExecutorService pool = Executors.newFixedThreadPool(options.jobs(), runnable -> {
            Thread t = new Thread(runnable, "mycel-sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int j = 0; j < options.jobs(); j++) {
                workers.add(pool.submit(() -> {
                    while (!stop.get()) {
                        if (options.timeBudgetNanos() > 0 && System.nanoTime() - startNanos >= options.timeBudgetNanos()) {
                            synchronized (failures) {
                                if (stopReason[0] == null) {
                                    stopReason[0] = "time budget spent";
                                }
                            }
                            return;
                        }
                        long seed = nextSeed.getAndIncrement();
                        if (seed > options.lastSeed()) {
                            return;
                        }
                        RunResult result = ScenarioRunner.run(scenario, seed, null, null);
                        boolean passed = result.verdict() == Verdict.PASS;
                        synchronized (failures) {
                            if (!passed) {
                                failures.add(result);
                                if (options.stopAtFirstFailure() && stopReason[0] == null) {
                                    stopReason[0] = "stopped at the first failure";
                                    stop.set(true);
                                }
                            }
                            if (!result.meetsExpectation()) {
                                unmet.add(seed);
                            }
                        }
                        long f = passed ? failed.get() : failed.incrementAndGet();
                        listener.seedDone(result, done.incrementAndGet(), f);
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the sweep was interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a sweep worker failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        failures.sort(Comparator.comparingLong(RunResult::seed));
        unmet.sort(Comparator.naturalOrder());
        long wall = System.nanoTime() - startNanos;
        List<RunResult> written = new ArrayList<>();
        for (RunResult f : failures) {
            boolean write = options.out() != null && written.size() < WRITTEN_FAILURES;
            written.add(write ? ScenarioRunner.run(scenario, f.seed(), options.out(), null) : f);
        }
        String reason = done.get() < options.lastSeed() - options.firstSeed() + 1 ? stopReason[0] : null;
        return new Outcome(scenario, options, written, unmet, done.get(), wall, reason);
    }
}
