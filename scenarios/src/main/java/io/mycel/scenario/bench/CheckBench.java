package io.mycel.scenario.bench;

import io.mycel.check.model.CheckSettings;
import io.mycel.check.History;
import io.mycel.check.Verdict;
import io.mycel.check.format.HistoryFiles;
import io.mycel.check.format.LoadedHistory;
import io.mycel.check.lin.Budget;
import io.mycel.check.lin.LinearizabilityChecker;
import io.mycel.check.lin.LinearizabilityResult;
import io.mycel.check.lin.Model;
import io.mycel.check.gen.HistoryGenerator;
import io.mycel.check.model.Models;
import io.mycel.check.model.RegisterModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code mycel bench check}: checks every history in some folders several times in one process and
 * prints, per file, the median time to the verdict and to the evidence, then the totals; with a
 * baseline run in the same process (textbook Wing-Gong-Lowe, see {@link TextbookWgl}) and the
 * ratio. Where a folder has an {@code expected.tsv}, each verdict is compared with it.
 */
public final class CheckBench {

    /** One history to check, with its model and the verdict its folder expects (or null). */
    public record Case(String name, History history, Model<?, ?> model, Boolean expectLinearizable) {
    }

    private record Timing(Verdict verdict, double verdictMillis, double evidenceMillis, String reason) {
    }

    private CheckBench() {
    }

    /** The histories of the folders, in name order, skipping README and expected.tsv files. */
    public static List<Path> historyFiles(List<Path> folders) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path folder : folders) {
            if (Files.isRegularFile(folder)) {
                files.add(folder);
                continue;
            }
            try (Stream<Path> listing = Files.list(folder)) {
                listing.filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().equals("expected.tsv"))
                        .filter(p -> !p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".md"))
                        .sorted().forEach(files::add);
            }
        }
        return files;
    }

    /** Verdicts from a folder's expected.tsv: file name to true for linearizable. */
    public static Map<String, Boolean> expected(Path folder) throws IOException {
        Map<String, Boolean> expected = new HashMap<>();
        Path tsv = folder.resolve("expected.tsv");
        if (Files.isRegularFile(tsv)) {
            for (String line : Files.readAllLines(tsv)) {
                String[] parts = line.split("\t");
                if (parts.length == 2) {
                    expected.put(parts[0], parts[1].strip().equals("linearizable"));
                }
            }
        }
        return expected;
    }

    /** Reads the files; a file that cannot be read is reported and left out. */
    public static List<Case> load(List<Path> files, Function<LoadedHistory, Model<?, ?>> modelFor, PrintStream out)
            throws IOException {
        List<Case> cases = new ArrayList<>();
        Map<Path, Map<String, Boolean>> expectations = new HashMap<>();
        for (Path file : files) {
            LoadedHistory loaded;
            try {
                loaded = HistoryFiles.read(file);
            } catch (IOException e) {
                out.println("skipped: " + e.getMessage());
                continue;
            }
            Path folder = file.toAbsolutePath().getParent();
            Map<String, Boolean> expected = expectations.computeIfAbsent(folder, f -> {
                try {
                    return expected(f);
                } catch (IOException e) {
                    return Map.of();
                }
            });
            Path parent = file.getParent();
            String name = (parent == null ? "" : parent.getFileName() + "/") + file.getFileName();
            cases.add(new Case(name, loaded.history(), modelFor.apply(loaded), expected.get(file.getFileName().toString())));
        }
        return cases;
    }

    /** Seeded histories shaped like the etcd and c50 ones, {@code scale} times longer; see {@link HistoryGenerator}. */
    public static List<Case> generated(int scale, int seeds, CheckSettings options) {
        List<Case> cases = new ArrayList<>();
        for (HistoryGenerator.Shape base : List.of(HistoryGenerator.Shape.etcdLike(scale), HistoryGenerator.Shape.c50Like(scale))) {
            for (boolean stale : new boolean[] {false, true}) {
                HistoryGenerator.Shape shape = stale ? base.withStaleRead() : base;
                for (int seed = 1; seed <= seeds; seed++) {
                    History history = HistoryGenerator.generate(shape, seed);
                    String model = shape.kind() == HistoryGenerator.Kind.KV ? "kv" : "cas-register";
                    String name = "generated/" + (shape.kind() == HistoryGenerator.Kind.KV ? "c50" : "etcd") + "-like-x"
                            + scale + (stale ? "-stale" : "") + "-seed" + seed;
                    cases.add(new Case(name, history, Models.named(model, new Models.Options(options.initial(),
                            options.failedCas() == null ? RegisterModel.FailedCas.MISMATCH : options.failedCas())), !stale));
                }
            }
        }
        return cases;
    }

    /**
     * @return 0 when every verdict agrees with its folder's expectation, 1 otherwise
     */
    public static int run(PrintStream out, List<Case> cases, int runs, Budget budget, boolean baseline) {
        // Warm the JIT on every file once, so the measured runs are steady-state code.
        for (Case c : cases) {
            LinearizabilityChecker.check(c.history(), c.model(), budget);
        }
        out.printf("%-38s %-14s %7s %11s %11s  %s%n", "history", "model", "ops", "verdict ms", "evidence ms", "verdict");
        double totalVerdict = 0;
        double totalEvidence = 0;
        double slowest = 0;
        String slowestName = "";
        int disagreements = 0;
        int unknown = 0;
        for (Case c : cases) {
            Timing timing = measure(c, runs, budget);
            totalVerdict += timing.verdictMillis;
            totalEvidence += timing.evidenceMillis;
            if (timing.verdictMillis > slowest) {
                slowest = timing.verdictMillis;
                slowestName = c.name();
            }
            String agreement = "";
            if (c.expectLinearizable() != null && timing.verdict != Verdict.UNKNOWN) {
                boolean agrees = (timing.verdict == Verdict.PASS) == c.expectLinearizable();
                agreement = agrees ? "  (as expected)" : "  DISAGREES with the expected verdict";
                disagreements += agrees ? 0 : 1;
            }
            unknown += timing.verdict == Verdict.UNKNOWN ? 1 : 0;
            out.printf(Locale.ROOT, "%-38s %-14s %7d %11.2f %11.2f  %s%s%s%n", c.name(), c.model().name(),
                    c.history().operations().size(), timing.verdictMillis, timing.evidenceMillis, label(timing.verdict),
                    agreement, timing.reason.isEmpty() ? "" : " (" + timing.reason + ")");
        }
        out.printf(Locale.ROOT, "%n%d histories, %d runs each after a warm-up (median per file)%n", cases.size(), runs);
        out.printf(Locale.ROOT, "total to verdicts        %10.1f ms%n", totalVerdict);
        out.printf(Locale.ROOT, "total with evidence      %10.1f ms   (minimal failing sets for the non-linearizable ones)%n",
                totalVerdict + totalEvidence);
        out.printf(Locale.ROOT, "slowest verdict          %10.1f ms   %s%n", slowest, slowestName);
        out.printf(Locale.ROOT, "undecided (unknown)      %10d%n", unknown);
        if (cases.stream().anyMatch(c -> c.expectLinearizable() != null)) {
            out.printf(Locale.ROOT, "disagreeing verdicts     %10d%n", disagreements);
        }
        if (baseline) {
            printBaseline(out, cases, runs, budget, totalVerdict);
        }
        return disagreements == 0 ? 0 : 1;
    }

    private static Timing measure(Case c, int runs, Budget budget) {
        double[] verdict = new double[runs];
        double[] evidence = new double[runs];
        LinearizabilityResult last = null;
        for (int i = 0; i < runs; i++) {
            last = LinearizabilityChecker.check(c.history(), c.model(), budget);
            verdict[i] = last.elapsedNanos() / 1e6;
            evidence[i] = last.evidenceNanos() / 1e6;
        }
        return new Timing(last.verdict(), median(verdict), median(evidence), last.reason());
    }

    private static void printBaseline(PrintStream out, List<Case> cases, int runs, Budget budget, double mycelTotal) {
        double total = 0;
        int timedOut = 0;
        int disagreeing = 0;
        // The baseline can be slower by orders of magnitude: a file it takes over a second on is
        // measured once, and it gets at most ten seconds.
        long baselineNanos = Math.min(budget.timeNanos(), 10_000_000_000L);
        for (Case c : cases) {
            double[] times = new double[runs];
            TextbookWgl.Answer answer = null;
            int measured = 0;
            while (measured < runs && (measured == 0 || times[0] < 1_000)) {
                long start = System.nanoTime();
                answer = TextbookWgl.check(c.history(), c.model(), start + baselineNanos);
                times[measured++] = (System.nanoTime() - start) / 1e6;
            }
            times = Arrays.copyOf(times, measured);
            total += median(times);
            timedOut += answer == TextbookWgl.Answer.TIMED_OUT ? 1 : 0;
            Verdict mine = LinearizabilityChecker.check(c.history(), c.model(), budget).verdict();
            if (answer != TextbookWgl.Answer.TIMED_OUT && mine != Verdict.UNKNOWN
                    && (answer == TextbookWgl.Answer.LINEARIZABLE) != (mine == Verdict.PASS)) {
                disagreeing++;
            }
        }
        out.printf(Locale.ROOT, "baseline                 %10.1f ms   textbook WGL (BitSet in a HashSet, keys one by one),"
                + " same process, same files%s%n", total, timedOut == 0 ? ""
                : "; " + timedOut + " ran out of its " + baselineNanos / 1_000_000_000 + " s (counted as that)");
        out.printf(Locale.ROOT, "ratio                    %10.2f     baseline time / checker time to verdicts%n", total / mycelTotal);
        if (disagreeing > 0) {
            out.printf(Locale.ROOT, "baseline disagrees on    %10d     histories: one of the two is wrong%n", disagreeing);
        }
    }

    static String label(Verdict verdict) {
        return switch (verdict) {
            case PASS -> "linearizable";
            case FAIL -> "NOT linearizable";
            case UNKNOWN -> "unknown";
        };
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
