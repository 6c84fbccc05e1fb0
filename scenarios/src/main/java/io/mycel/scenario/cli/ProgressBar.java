package io.mycel.scenario.cli;

import io.mycel.node.api.Durations;
import io.mycel.sim.Simulation;
import java.io.PrintStream;

/**
 * A progress bar on standard error for runs that take more than a second of wall time. On a
 * terminal it redraws one line; elsewhere (CI logs) it prints a line at every tenth of the run.
 * It reads the wall clock, which is why it lives here and never in the simulator.
 */
final class ProgressBar implements Simulation.ProgressListener {

    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private final long totalMicros;
    private final String label;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;
    private int lastTenth = -1;
    private boolean drawn;

    ProgressBar(PrintStream out, boolean terminal, long totalMicros, String label) {
        this.out = out;
        this.terminal = terminal;
        this.totalMicros = Math.max(1, totalMicros);
        this.label = label;
    }

    @Override
    public void progress(long virtualMicros, long events) {
        long nowNanos = System.nanoTime();
        if (nowNanos - startNanos < SHOW_AFTER_NANOS) {
            return;
        }
        double done = Math.min(1.0, virtualMicros / (double) totalMicros);
        if (terminal) {
            if (nowNanos - lastDrawNanos < REDRAW_NANOS) {
                return;
            }
            lastDrawNanos = nowNanos;
            int filled = (int) (done * WIDTH);
            out.printf("\r%s [%s%s] %3d%%  %s of %s virtual, %,d events", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
                    (int) (done * 100), Durations.format(virtualMicros / 1000 * 1000), Durations.format(totalMicros), events);
            drawn = true;
        } else {
            int tenth = (int) (done * 10);
            if (tenth > lastTenth) {
                lastTenth = tenth;
                out.printf("%s %d%% (%s of %s virtual, %,d events)%n", label, tenth * 10,
                        Durations.format(virtualMicros / 1000 * 1000), Durations.format(totalMicros), events);
            }
        }
    }

    /** Clears the bar line, if one was drawn. */
    void finish() {
        if (terminal && drawn) {
            out.print("\r" + " ".repeat(WIDTH + label.length() + 60) + "\r");
            out.flush();
        }
    }
}
