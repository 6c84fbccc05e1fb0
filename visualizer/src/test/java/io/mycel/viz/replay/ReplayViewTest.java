package io.mycel.viz.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The replay window, headless (Monocle): stepping, scrubbing and jumping to the failure move the
 * cursor, and what is drawn follows it: the crashed node is red while it is down, the arrows in the
 * space-time diagram are the messages of the window. Screenshots go to target/replay-screenshots.
 */
@ExtendWith(ApplicationExtension.class)
class ReplayViewTest {

    private static final Path SHOTS = Path.of("target", "replay-screenshots");
    private ReplayView view;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        view = new ReplayView(TraceIndex.load(TraceIndexTest.demo()));
        stage.setScene(new Scene(view, 1200, 620));
        stage.show();
    }

    private WritableImage shot(String name) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get();
        Files.createDirectories(SHOTS);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", new File(SHOTS.resolve(name + ".png").toString()));
        return image;
    }

    /** The colour at the centre of node {@code i}'s disc in the topology, in scene coordinates. */
    private Color nodeColour(WritableImage image, int i) {
        double[] p = view.position(i, 3);
        javafx.geometry.Point2D scene = view.getLeft().localToScene(p[0], p[1]);
        PixelReader r = image.getPixelReader();
        return r.getColor((int) scene.getX(), (int) scene.getY());
    }

    private static boolean near(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen()) + Math.abs(a.getBlue() - b.getBlue()) < 0.1;
    }

    @Test
    void theCrashedNodeIsRedWhileDownAndGreenAfter(FxRobot robot) throws Exception {
        robot.interact(() -> view.moveTo(450_000));
        WritableImage down = shot("replay-n2-down");
        assertTrue(near(nodeColour(down, 1), ReplayView.DOWN), "n2 is drawn red at 450 ms: " + nodeColour(down, 1));
        assertTrue(near(nodeColour(down, 0), ReplayView.UP), "n1 is drawn green");
        robot.interact(() -> view.moveTo(650_000));
        assertTrue(near(nodeColour(shot("replay-n2-back"), 1), ReplayView.UP), "n2 is green again after its restart");
    }

    @Test
    void steppingGoesFromEventToEventAndTheArrowsAreTheWindowsMessages(FxRobot robot) {
        robot.interact(() -> view.moveTo(100_000));
        robot.clickOn("#step-forward");
        assertEquals(130_000, view.cursor());
        robot.clickOn("#step-forward");
        assertEquals(140_000, view.cursor());
        robot.clickOn("#step-back");
        assertEquals(130_000, view.cursor());
        // The window is a twentieth of the run (45 ms): at 470 ms it holds only the last AppendEntries.
        robot.interact(() -> view.moveTo(470_000));
        assertEquals(1, view.visibleArrows());
        robot.interact(() -> view.moveTo(140_000));
        assertEquals(2, view.visibleArrows(), "the delivered and the lost AppendEntries");
    }

    @Test
    void aCrashIsARedBandInItsLane(FxRobot robot) throws Exception {
        robot.interact(() -> view.moveTo(420_000));   // the window is 375..420 ms; n2 crashed at 400 ms
        WritableImage image = shot("replay-crash-band");
        assertTrue(near(laneColour(image, 1, 390_000), ReplayView.UP), "n2 up before its crash: " + laneColour(image, 1, 390_000));
        assertTrue(near(laneColour(image, 1, 410_000), ReplayView.DOWN), "n2 down after it: " + laneColour(image, 1, 410_000));
        assertTrue(near(laneColour(image, 0, 410_000), ReplayView.UP), "n1 up throughout");
    }

    /** The colour of node {@code node}'s lane at {@code micros}, in scene coordinates. */
    private Color laneColour(WritableImage image, int node, long micros) {
        javafx.geometry.Point2D scene = view.getCenter().localToScene(view.timeX(micros), view.laneY(node, 3));
        return image.getPixelReader().getColor((int) Math.round(scene.getX()), (int) Math.round(scene.getY()));
    }

    @Test
    void searchFindsRecordsInTurnAndTheInspectorShowsThemWhole(FxRobot robot) throws Exception {
        javafx.scene.control.TextField search = robot.lookup("#search").queryAs(javafx.scene.control.TextField.class);
        robot.interact(() -> search.setText("raft-leader"));
        robot.clickOn("#find");
        assertEquals(100_000, view.cursor());
        assertTrue(view.inspectorText().contains("\"node\":\"n1\",\"event\":\"raft-leader\""), view.inspectorText());
        robot.clickOn("#find");
        assertEquals(700_000, view.cursor());
        assertTrue(view.inspectorText().contains("\"node\":\"n3\",\"event\":\"raft-leader\""), view.inspectorText());
        robot.clickOn("#find");
        assertEquals(700_000, view.cursor(), "no third one: the cursor stays");
        assertTrue(view.inspectorText().startsWith("no record after this one holds"), view.inspectorText());
        robot.interact(() -> view.moveTo(100_000));
        robot.clickOn("#step-forward");
        assertTrue(view.inspectorText().startsWith("record 8: {\"t\":130000,\"type\":\"deliver\""), view.inspectorText());
        shot("replay-inspector");
    }

    @Test
    void filtersChooseTheMessagesDrawnAndTheWindow(FxRobot robot) {
        robot.interact(() -> view.moveTo(140_000));
        assertEquals(2, view.visibleArrows(), "n1 to n2 delivered, n1 to n3 lost");
        robot.interact(() -> view.filter("n3", null, null));
        assertEquals(1, view.visibleArrows(), "only the one to n3");
        robot.interact(() -> view.filter(null, "AppendEntriesReply", null));
        assertEquals(0, view.visibleArrows());
        robot.interact(() -> view.moveTo(350_000));
        assertEquals(1, view.visibleArrows(), "n2's reply, in flight from 300 ms");
        robot.interact(() -> {
            view.filter(null, null, "1s");
            view.moveTo(900_000);
        });
        assertEquals(4, view.visibleArrows(), "a second before the end holds the whole run");
        robot.interact(() -> view.filter(null, null, null));
        assertEquals(0, view.visibleArrows(), "back to the automatic window (45 ms)");
    }

    @Test
    void jumpToFailureOpensAtTheViolation(FxRobot robot) throws Exception {
        robot.clickOn("#jump-to-failure");
        assertEquals(900_000, view.cursor());
        Label where = robot.lookup(n -> n instanceof Label l && l.getText().contains("FAILED")).queryAs(Label.class);
        assertTrue(where.getText().contains("election safety: two leaders in term 1"), where.getText());
        shot("replay-failure");
    }
}
