package io.mycel.viz.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
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
 * The topology of a run on batteries with a partition and a one-way cut, headless: each battery
 * node's gauge shows its charge at the cursor, and the links a partition or cut stands across are
 * drawn cut (crossed out at their middle) exactly while it stands.
 */
@ExtendWith(ApplicationExtension.class)
class ReplayTopologyTest {

    private static final Path SHOTS = Path.of("target", "replay-screenshots");
    private ReplayView view;
    private TraceIndex index;
    private Stage stage;

    static Path trace() throws Exception {
        return Path.of(ReplayTopologyTest.class.getResource("/replay-power-trace.jsonl").toURI());
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        index = TraceIndex.load(trace());
        view = new ReplayView(index);
        stage.setScene(new Scene(view, 1200, 560));
        stage.show();
    }

    @Test
    void theIndexKnowsWhoIsCutOffAndEachBatterysCharge() {
        assertTrue(!index.cut(0, 1, 50_000) && index.cut(0, 1, 200_000) && index.cut(1, 0, 200_000));
        assertTrue(!index.cut(1, 2, 200_000), "n2 and n3 are one group");
        assertTrue(index.cut(0, 2, 350_000) && !index.cut(0, 1, 350_000), "the one-way cut from n3 to n1 alone");
        assertTrue(!index.cut(0, 2, 450_000));
        assertEquals(java.util.List.of(new TraceIndex.Span(100_000, 300_000), new TraceIndex.Span(320_000, 400_000)), index.partitions(),
                "the partition and the one-way cut are both shaded");
        assertEquals(0.9, index.charge(0, 200_000));
        assertEquals(0.1, index.charge(1, 100_000));
        assertEquals(0.35, index.charge(1, 150_000));
        assertTrue(Double.isNaN(index.charge(2, 200_000)), "n3 runs on mains");
    }

    @Test
    void cutLinksAndGaugesFollowTheCursor(FxRobot robot) throws Exception {
        robot.interact(() -> view.moveTo(50_000));
        WritableImage before = shot("replay-topology-before");
        assertTrue(near(midpoint(before, 0, 1), Color.WHITE), "no cut before the partition");
        assertTrue(near(gauge(before, 0, 0.8), ReplayView.UP), "n1 at 90%: green to 80% of its gauge");
        assertTrue(near(gauge(before, 1, 0.05), ReplayView.DOWN), "n2 at 10%: red");
        assertTrue(near(gauge(before, 1, 0.5), Color.WHITE), "n2's gauge is empty past 10%");

        robot.interact(() -> view.moveTo(200_000));
        WritableImage partitioned = shot("replay-topology-partitioned");
        assertTrue(near(midpoint(partitioned, 0, 1), ReplayView.CUT), "n1 | n2 cut: " + midpoint(partitioned, 0, 1));
        assertTrue(near(midpoint(partitioned, 0, 2), ReplayView.CUT), "n1 | n3 cut");
        assertTrue(near(midpoint(partitioned, 1, 2), Color.WHITE), "n2 and n3 in one group");
        assertTrue(near(gauge(partitioned, 1, 0.05), ReplayView.PAUSED), "n2 charged to 35%: amber");
        for (int node = 0; node < 3; node++) {
            assertTrue(near(disc(before, node), ReplayView.UP), "up and reaching everyone before: green");
            assertTrue(near(disc(partitioned, node), ReplayView.PARTITIONED), "each is cut off from someone: blue");
        }

        robot.interact(() -> view.moveTo(350_000));
        WritableImage oneWay = shot("replay-topology-cut");
        assertTrue(near(midpoint(oneWay, 0, 2), ReplayView.CUT) && near(midpoint(oneWay, 0, 1), Color.WHITE));
        assertTrue(near(disc(oneWay, 1), ReplayView.UP) && near(disc(oneWay, 2), ReplayView.PARTITIONED),
                "the one-way cut from n3 to n1 leaves n2 reaching everyone");
        robot.interact(() -> view.moveTo(450_000));
        assertTrue(near(midpoint(shot("replay-topology-healed"), 0, 2), Color.WHITE));
    }

    @Test
    void aDuplicateIsMarkedAndClickingItsArrowShowsItsSend(FxRobot robot) throws Exception {
        assertTrue(index.messages().get(0).duplicated(), "delivered at 30 ms and again at 35 ms");
        robot.interact(() -> view.moveTo(40_000));
        assertEquals(1, view.visibleArrows());
        WritableImage image = shot("replay-duplicate");
        // The arrow runs from n1's lane at 20 ms to n2's at 30 ms: its middle is orange.
        Point2D middle = view.getCenter().localToScene((view.timeX(20_000) + view.timeX(30_000)) / 2,
                (view.laneY(0, 3) + view.laneY(1, 3)) / 2);
        Color c = image.getPixelReader().getColor((int) Math.round(middle.getX()), (int) Math.round(middle.getY()));
        assertTrue(near(c, ReplayView.DUPLICATED), "the duplicated message's arrow is orange: " + c);
        robot.clickOn(view.getCenter().localToScreen((view.timeX(20_000) + view.timeX(30_000)) / 2,
                (view.laneY(0, 3) + view.laneY(1, 3)) / 2));
        assertTrue(view.inspectorText().contains("\"type\":\"send\",\"from\":\"n1\",\"to\":\"n2\",\"id\":1"),
                view.inspectorText());
        robot.interact(() -> assertTrue(!view.selectInDiagram(5, 5), "nothing near the corner"));
    }

    private WritableImage shot(String name) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get();
        Files.createDirectories(SHOTS);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", new File(SHOTS.resolve(name + ".png").toString()));
        return image;
    }

    private Color midpoint(WritableImage image, int a, int b) {
        double[] p = view.position(a, 3);
        double[] q = view.position(b, 3);
        return pixel(image, (p[0] + q[0]) / 2, (p[1] + q[1]) / 2);
    }

    /** The colour at the middle of node {@code i}'s disc. */
    private Color disc(WritableImage image, int i) {
        double[] p = view.position(i, 3);
        return pixel(image, p[0], p[1]);
    }

    /** The colour {@code fraction} of the way along node {@code i}'s gauge, at its middle height. */
    private Color gauge(WritableImage image, int i, double fraction) {
        double[] r = view.gaugeRect(i, 3);
        return pixel(image, r[0] + r[2] * fraction, r[1] + r[3] / 2);
    }

    private Color pixel(WritableImage image, double x, double y) {
        Point2D scene = view.getLeft().localToScene(x, y);
        return image.getPixelReader().getColor((int) Math.round(scene.getX()), (int) Math.round(scene.getY()));
    }

    private static boolean near(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) + Math.abs(a.getGreen() - b.getGreen()) + Math.abs(a.getBlue() - b.getBlue()) < 0.15;
    }
}
