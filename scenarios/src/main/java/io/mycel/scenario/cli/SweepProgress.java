package io.mycel.scenario.cli;

import io.mycel.scenario.run.RunResult;
import io.mycel.scenario.sweep.Sweep;
import java.io.PrintStream;

/**
 * The sweep's progress on standard error: seeds done, seeds per second, failures found. On a
 * terminal it redraws one line; elsewhere (CI logs) it prints a line at every tenth of the seeds.
 * Seeds finish on several threads, so it draws under a lock.
 */
final class SweepProgress implements Sweep.Listener {

    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;
    private long lastTenth;
    private boolean drawn;

    SweepProgress(PrintStream out, boolean terminal, String label, long total) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
        this.total = total;
    }

    @Override
    public synchronized void seedDone(RunResult result, long done, long failures) {
        long now = System.nanoTime();
        double perSecond = done / Math.max(1e-9, (now - startNanos) / 1e9);
        String line = String.format("%s: %d/%d seeds, %.1f seeds/s, %d failure%s", label, done, total, perSecond, failures,
                failures == 1 ? "" : "s");
        if (terminal) {
            if (now - lastDrawNanos >= REDRAW_NANOS || done == total) {
                lastDrawNanos = now;
                out.print("\r" + line + "   ");
                out.flush();
                drawn = true;
            }
        } else {
            long tenth = done * 10 / Math.max(1, total);
            if (tenth > lastTenth) {
                lastTenth = tenth;
                out.println(line);
            }
        }
    }

    synchronized void finish() {
        if (terminal && drawn) {
            out.println();
        }
    }
}
