package io.mycel.scenario.cli;

import io.mycel.viz.replay.ReplayApp;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "replay", description = {
        "Open the replay window on a run: the topology coloured by node status with messages in flight, a "
                + "space-time diagram, and a scrubber with play, step and jump to the failure.",
        "Needs a display; without one, see the run's report.html or mycel export perfetto.",
        "Exit code: 0 when the window was closed, 2 when the run cannot be read or no display is there."})
final class ReplayCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "a run's folder (with trace.jsonl), or the trace file itself")
    Path run;

    @Override
    public Integer call() {
        if (RunFolders.trace(run, "replay") == null) {
            return MycelCommand.EXIT_BAD_INPUT;
        }
        try {
            ReplayApp.open(run);
            return 0;
        } catch (RuntimeException e) {
            System.err.println("mycel replay: cannot open a window (" + e.getMessage() + "); without a display, open "
                    + run.resolve("report.html") + " in a browser or run mycel export perfetto " + run);
            return MycelCommand.EXIT_BAD_INPUT;
        }
    }
}
