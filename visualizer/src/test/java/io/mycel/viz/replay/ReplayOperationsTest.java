package io.mycel.viz.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Client operations as bars under the lanes, and partitions as bands across them. */
@ExtendWith(ApplicationExtension.class)
class ReplayOperationsTest {

    private ReplayView view;
    private Stage stage;
    private TraceIndex index;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        index = TraceIndex.load(Path.of(getClass().getResource("/replay-ops-trace.jsonl").toURI()));
        view = new ReplayView(index);
        stage.setScene(new Scene(view, 1200, 520));
        stage.show();
    }

    @Test
    void operationsAndPartitionsAreIndexed() {
        assertEquals(List.of(
                new TraceIndex.Operation(0, "put", "n1", 10_000, 30_000, "ok", 1, 5),
                new TraceIndex.Operation(1, "get", "n2", 40_000, 70_000, "info", 6, 8),
                new TraceIndex.Operation(0, "get", "n1", 80_000, -1, "open", 9, -1)), index.operations());
        assertEquals(List.of(new TraceIndex.Span(20_000, 60_000)), index.partitions());
    }

    @Test
    void barsAreTheOperationsOfTheWindowAndThePartitionIsShaded(FxRobot robot) throws Exception {
        // The window is a twentieth of the run (5 ms): at 32 ms it holds the end of the put only.
        robot.interact(() -> view.moveTo(32_000));
        assertEquals(1, view.visibleOperations());
        robot.interact(() -> view.moveTo(42_000));
        assertEquals(1, view.visibleOperations(), "the get just invoked; the put ended before the window");
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get();
        // A point of the diagram above the lanes' labels, inside the partition: shaded blue, not white.
        javafx.geometry.Point2D p = view.getCenter().localToScene(700, 12);
        Color c = image.getPixelReader().getColor((int) p.getX(), (int) p.getY());
        assertTrue(c.getBlue() > c.getRed() + 0.05, "the partition is shaded: " + c);
        robot.interact(() -> view.moveTo(100_000));
        assertEquals(1, view.visibleOperations(), "only the get still open at the end is in the window");
    }

    @Test
    void theOperationACheckerBlamesIsRinged(FxRobot robot) throws Exception {
        robot.interact(() -> {
            index.markEvidence(1, 40_000, TraceIndex.Evidence.BLOCKING);   // as RunFailure does from verdict.json
            view.moveTo(72_000);
        });
        assertEquals(1, view.visibleOperations());
        assertEquals(1, view.highlightedOperations(), "the get that completed at 70 ms");
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get();
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "replay-screenshots"));
        javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png",
                new java.io.File("target/replay-screenshots/replay-evidence.png"));
        robot.interact(() -> view.moveTo(32_000));
        assertEquals(0, view.highlightedOperations(), "the put at 32 ms is not the evidence");
    }
}
