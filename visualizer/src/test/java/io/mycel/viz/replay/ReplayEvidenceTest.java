package io.mycel.viz.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A run folder whose linearizability check failed on a stale read (two puts and a get, in
 * verdict.json's minimal evidence), with node positions in its run record: jumping to the failure
 * rings all three operations and lists them, the topology stands where the scenario placed the
 * nodes, and clicking a node, a dot, a bar or a lane shows its trace record.
 */
@ExtendWith(ApplicationExtension.class)
class ReplayEvidenceTest {

    private static final Path SHOTS = Path.of("target", "replay-screenshots");
    private ReplayView view;
    private TraceIndex index;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        index = ReplayApp.load(Path.of(getClass().getResource("/replay-evidence-run").toURI()));
        view = new ReplayView(index);
        stage.setScene(new Scene(view, 1200, 620));
        stage.show();
    }

    @Test
    void theEvidenceIsEveryOperationOfTheMinimalSetWithTheBlockingOneApart() {
        assertEquals(505_000, index.failureMicros(), "the stale get's answer");
        List<TraceIndex.Operation> evidence = index.evidenceOperations();
        assertEquals(List.of(0L, 1L, 2L), evidence.stream().map(TraceIndex.Operation::process).toList());
        assertEquals(List.of(TraceIndex.Evidence.INVOLVED, TraceIndex.Evidence.INVOLVED, TraceIndex.Evidence.BLOCKING),
                evidence.stream().map(index::evidence).toList());
    }

    @Test
    void jumpingToTheFailureShowsAndListsAllOfTheEvidence(FxRobot robot) throws Exception {
        assertEquals("auto window", view.windowChoice());
        robot.clickOn("#jump-to-failure");
        assertEquals(505_000, view.cursor());
        // The first put began 405 ms before the failure: the window grows from the automatic 50 ms to hold it.
        assertEquals("1s", view.windowChoice());
        assertEquals(3, view.highlightedOperations(), "both puts and the get are ringed");
        String text = view.inspectorText();
        assertTrue(text.startsWith("FAILED: linearizable-kv: not linearizable"), text);
        assertTrue(text.contains("\n- put of process 0 on n1, 0.100000 s to 0.160000 s (ok)"), text);
        assertTrue(text.contains("\n* get of process 2 on n1, 0.500000 s to 0.505000 s (ok)"), text);
        shot("replay-evidence-jump");
        robot.interact(() -> view.moveTo(300_000));
        assertEquals(1, view.highlightedOperations(), "at 300 ms only the first put has begun");
    }

    @Test
    void clickingABarALaneANodeOrADotShowsItsRecord(FxRobot robot) throws Exception {
        robot.interact(() -> view.filter(null, null, "1s"));
        robot.interact(() -> view.moveTo(505_000));
        // The get's bar: process 2's row under the lanes, from 500 ms to 505 ms.
        double x = (view.timeX(500_000) + view.timeX(505_000)) / 2;
        double height = ((javafx.scene.canvas.Canvas) view.getCenter()).getHeight();
        double barY = height - 60 + 60.0 / 8 * 2.5;   // a 60 px strip of 8 rows under the lanes
        robot.clickOn(view.getCenter().localToScreen(x, barY));
        String op = view.inspectorText();
        assertTrue(op.startsWith("operation get of client process 2 on n1, the one the check could not place"), op);
        assertTrue(op.contains("\"type\":\"invoke\",\"process\":2") && op.contains("\"type\":\"ok\",\"process\":2"), op);

        // n2's lane at 450 ms: up, and the leader since the note at 400 ms.
        robot.clickOn(view.getCenter().localToScreen(view.timeX(450_000), view.laneY(1, 3)));
        // The instant is the click's pixel's (a millisecond spans about 0.7 px here).
        assertTrue(view.inspectorText().matches("(?s)n2 at 0\\.4(49|50)\\d* s: up, leader\nsince record 13: .*"), view.inspectorText());

        robot.interact(() -> view.moveTo(750_000));
        double[] n3 = view.position(2, 3);
        robot.clickOn(view.getLeft().localToScreen(n3[0], n3[1]));
        assertTrue(view.inspectorText().startsWith("n3 at 0.750000 s: down\nsince record 23: {\"t\":700000,\"type\":\"crash\""),
                view.inspectorText());

        // The AppendEntries from n2 to n1 after the heal is in flight at 625 ms, half way along its link.
        robot.interact(() -> view.moveTo(625_000));
        assertEquals(1, view.visibleDots());
        double[] from = view.position(1, 3);
        double[] to = view.position(0, 3);
        robot.clickOn(view.getLeft().localToScreen(from[0] + (to[0] - from[0]) * 0.5, from[1] + (to[1] - from[1]) * 0.5));
        assertTrue(view.inspectorText().contains("\"type\":\"send\",\"from\":\"n2\",\"to\":\"n1\",\"id\":4"), view.inspectorText());
    }

    @Test
    void theTopologyStandsWhereTheScenarioPlacedTheNodes(FxRobot robot) throws Exception {
        double[] n1 = view.position(0, 3);
        double[] n2 = view.position(1, 3);
        double[] n3 = view.position(2, 3);
        // n1 at (0, 0), n2 at (100, 0), n3 at (50, 80): x east, y north, one scale for both.
        assertEquals(n1[1], n2[1], 1e-9, "n1 and n2 on one east-west line");
        assertTrue(n2[0] > n1[0], "n2 east of n1");
        assertTrue(n3[1] < n1[1], "n3 north of them, so higher on the screen");
        assertEquals((n1[0] + n2[0]) / 2, n3[0], 1e-9);
        assertEquals(80.0 / 100.0, (n1[1] - n3[1]) / (n2[0] - n1[0]), 1e-9, "distances in proportion");
        shot("replay-topology-placed");
        robot.interact(() -> view.chooseLayout("circle"));
        assertNotEquals(n3[1], view.position(2, 3)[1], "the circle puts n3 elsewhere");
        robot.interact(() -> view.chooseLayout("by traffic"));
        double[] t1 = view.position(0, 3);
        double[] t2 = view.position(1, 3);
        double[] t3 = view.position(2, 3);
        // n1 and n3 exchanged 2 messages, n1 and n2 2, n2 and n3 one: three distinct places.
        assertTrue(Math.hypot(t1[0] - t2[0], t1[1] - t2[1]) > 50 && Math.hypot(t1[0] - t3[0], t1[1] - t3[1]) > 50
                && Math.hypot(t2[0] - t3[0], t2[1] - t3[1]) > 50);
    }

    private void shot(String name) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get();
        Files.createDirectories(SHOTS);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", new File(SHOTS.resolve(name + ".png").toString()));
    }
}
