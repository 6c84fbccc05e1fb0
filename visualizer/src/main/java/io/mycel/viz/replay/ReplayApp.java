package io.mycel.viz.replay;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The replay window on a run's folder: {@code mycel replay RUN_DIR}. */
public final class ReplayApp extends Application {

    @Override
    public void start(Stage stage) throws Exception {
        Path run = Path.of(getParameters().getRaw().get(0));
        long t0 = System.nanoTime();
        TraceIndex index = load(run);
        System.out.printf("loaded %,d records of %s in %.2f s%n", index.size(), run, (System.nanoTime() - t0) / 1e9);
        stage.setTitle("mycel replay " + run);
        stage.setScene(new Scene(new ReplayView(index), 1200, 620));
        stage.show();
    }

    /**
     * A run's trace indexed, with its checkers' failure marked: {@code run} is its folder (or its
     * trace file, whose folder holds the verdict).
     */
    static TraceIndex load(Path run) throws java.io.IOException {
        Path trace = run.toFile().isDirectory() ? run.resolve("trace.jsonl") : run;
        TraceIndex index = TraceIndex.load(trace);
        RunFailure.mark(trace.toAbsolutePath().getParent(), index);
        return index;
    }

    /** Opens the window and returns when it is closed. */
    public static void open(Path run) {
        Application.launch(ReplayApp.class, run.toString());
    }
}
