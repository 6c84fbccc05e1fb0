package io.mycel.scenario.cli;

import io.mycel.viz.perfetto.PerfettoExport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", description = "Write a run's trace in another tool's format.",
        subcommands = {ExportCommand.Perfetto.class})
final class ExportCommand {

    @Command(name = "perfetto", description = {
            "Write a run's trace as Chrome trace-event JSON, which the Perfetto UI (ui.perfetto.dev, Open trace file) "
                    + "and chrome://tracing open: a track per node with its messages joined by arrows, timers, notes "
                    + "and the spells it was down, paused or asleep; a track per client process with its operations; "
                    + "partitions and phases; charge as counters.",
            "Exit code: 0 when written, 2 when the run or its trace cannot be read."})
    static final class Perfetto implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "RUN", description = "a run's folder (with trace.jsonl), or the trace file itself")
        Path run;

        @Option(names = "--to", paramLabel = "FILE", description = "where to write (default: trace.perfetto.json beside the trace)")
        Path to;

        @Override
        public Integer call() {
            Path trace = RunFolders.trace(run, "export perfetto");
            if (trace == null) {
                return MycelCommand.EXIT_BAD_INPUT;
            }
            Path target = to != null ? to : trace.resolveSibling("trace.perfetto.json");
            try {
                PerfettoExport.Summary s = PerfettoExport.export(trace, target);
                System.out.printf(Locale.ROOT, "%s: %,d trace events from %,d records: %d node tracks, %d client "
                                + "process tracks, %,d message arrows (%,d sent and never delivered)%n", target, s.events(),
                        s.records(), s.nodes(), s.operationTracks(), s.arrows(), s.sendsNotDelivered());
                System.out.println("open it in the Perfetto UI (ui.perfetto.dev, Open trace file) or chrome://tracing");
                return 0;
            } catch (IOException e) {
                System.err.println("mycel export perfetto: " + trace + ": " + e.getMessage());
                return MycelCommand.EXIT_BAD_INPUT;
            }
        }
    }
}
