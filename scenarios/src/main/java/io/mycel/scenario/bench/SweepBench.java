package io.mycel.scenario.bench;

import io.mycel.scenario.Scenario;
import io.mycel.scenario.sweep.Sweep;
import java.io.PrintStream;
import java.util.List;

/**
 * Seeds per second of sweeps, on one thread and on {@code jobs} threads, for each scenario given:
 * the one-thread sweep is the baseline, run in the same process over the same seeds, and the ratio
 * is the speed-up. Each scenario's seeds first run once untimed on every thread, so the JIT has
 * compiled its code before anything is timed (timing one thread first, cold, would flatter the
 * speed-up). One-thread and many-thread sweeps then alternate {@value #ROUNDS} times and the
 * best of each is kept, since other work on the machine only ever slows a sweep down.
 */
public final class SweepBench {

    /** Timed sweeps of each kind, alternating; the best of each counts, as the least disturbed. */
    static final int ROUNDS = 2;

    private SweepBench() {
    }

    /** One scenario's figures. */
    public record Row(String scenario, double oneThread, double many, int jobs) {
        public double ratio() {
            return many / oneThread;
        }
    }

    public static List<Row> run(PrintStream out, List<Scenario> scenarios, long firstSeed, long lastSeed, int jobs) {
        out.printf("sweeps of seeds %d..%d, no output written; baseline: the same seeds on one thread, in this process%n",
                firstSeed, lastSeed);
        out.printf("%-36s %12s %12s %8s%n", "scenario", "1 thread/s", jobs + " threads/s", "ratio");
        List<Row> rows = new java.util.ArrayList<>();
        double sumOne = 0;
        double sumMany = 0;
        for (Scenario scenario : scenarios) {
            Sweep.run(scenario, new Sweep.Options(firstSeed, lastSeed, jobs, 0, false, null), quiet());   // warm-up
            double one = 0;
            double many = 0;
            for (int round = 0; round < ROUNDS; round++) {
                one = Math.max(one, rate(scenario, firstSeed, lastSeed, 1));
                many = Math.max(many, rate(scenario, firstSeed, lastSeed, jobs));
            }
            Row row = new Row(scenario.name(), one, many, jobs);
            rows.add(row);
            sumOne += 1 / one;
            sumMany += 1 / many;
            out.printf("%-36s %12.1f %12.1f %7.2fx%n", row.scenario(), one, many, row.ratio());
        }
        if (rows.size() > 1) {
            // Seeds per second over the whole library: one seed of each scenario in turn.
            double one = rows.size() / sumOne;
            double many = rows.size() / sumMany;
            out.printf("%-36s %12.1f %12.1f %7.2fx%n", "(all, one seed of each in turn)", one, many, many / one);
        }
        out.println("cores: " + Runtime.getRuntime().availableProcessors()
                + "; a single-threaded run also keeps JIT and GC threads busy, so the ratio is below the thread count");
        return rows;
    }

    private static double rate(Scenario scenario, long firstSeed, long lastSeed, int jobs) {
        return Sweep.run(scenario, new Sweep.Options(firstSeed, lastSeed, jobs, 0, false, null), quiet()).seedsPerSecond();
    }

    private static Sweep.Listener quiet() {
        return (result, done, failures) -> { };
    }
}
