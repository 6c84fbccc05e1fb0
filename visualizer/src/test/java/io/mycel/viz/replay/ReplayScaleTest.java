package io.mycel.viz.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A large run in the replay: 100 nodes gossiping, a crash now and then. It must load and redraw fast
 * enough to scrub. CI runs 200,000 records; {@code -Dmycel.replay.records=1000000} gives the issue's
 * million (the figures are printed either way).
 */
@ExtendWith(ApplicationExtension.class)
class ReplayScaleTest {

    private static final int NODES = 100;

    @TempDir
    static Path dir;

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private static Path trace(int records) throws Exception {
        Path file = dir.resolve("big.jsonl");
        Random r = new Random(42);   // test data only
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder nodes = new StringBuilder();
            for (int i = 1; i <= NODES; i++) {
                nodes.append(i > 1 ? "," : "").append("\"n").append(i).append('"');
            }
            w.write("{\"t\":0,\"type\":\"run\",\"scenario\":\"big\",\"seed\":1,\"nodes\":[" + nodes + "]}\n");
            long t = 0;
            long id = 0;
            for (int written = 1; written < records; ) {
                t += 1 + r.nextInt(20);
                int from = 1 + r.nextInt(NODES);
                int to = 1 + r.nextInt(NODES);
                id++;
                w.write("{\"t\":" + t + ",\"type\":\"send\",\"from\":\"n" + from + "\",\"to\":\"n" + to + "\",\"id\":" + id
                        + ",\"msg\":\"Gossip\",\"bytes\":40,\"body\":\"Gossip[...]\"}\n");
                w.write("{\"t\":" + (t + 5_000) + ",\"type\":\"deliver\",\"from\":\"n" + from + "\",\"to\":\"n" + to
                        + "\",\"id\":" + id + ",\"msg\":\"Gossip\"}\n");
                written += 2;
                if (id % 5_000 == 0) {
                    w.write("{\"t\":" + t + ",\"type\":\"crash\",\"node\":\"n" + to + "\",\"lostWrites\":0}\n");
                    written++;
                }
            }
        }
        return file;
    }

    @Test
    void aLargeRunLoadsAndRedrawsFastEnoughToScrub(FxRobot robot) throws Exception {
        int records = Integer.getInteger("mycel.replay.records", 200_000);
        Path file = trace(records);
        long t0 = System.nanoTime();
        TraceIndex index = TraceIndex.load(file);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(NODES, index.nodes().size());
        ReplayView[] view = new ReplayView[1];
        long[] opening = new long[1];
        robot.interact(() -> {
            long v0 = System.nanoTime();
            view[0] = new ReplayView(index);   // lays the nodes out by their traffic
            opening[0] = System.nanoTime() - v0;
            stage.setScene(new Scene(view[0], 1200, 520));
            stage.show();
        });
        int frames = 40;
        long[] drawing = new long[1];
        for (int i = 0; i < frames; i++) {
            long at = index.endMicros() * (i + 1) / (frames + 1);
            robot.interact(() -> {
                long f0 = System.nanoTime();
                view[0].moveTo(at);
                drawing[0] += System.nanoTime() - f0;
            });
        }
        double frameMillis = drawing[0] / 1e6 / frames;
        System.out.printf(Locale.ROOT, "replay of %,d records, %d nodes: load %.2f s (%.0f records/s), the view opened in %.0f ms, "
                + "a redraw %.1f ms, %d arrows in the last window%n", index.size(), NODES, loadSeconds, index.size() / loadSeconds,
                opening[0] / 1e6, frameMillis, view[0].visibleArrows());
        assertTrue(view[0].visibleArrows() > 0);
        assertTrue(frameMillis < 250, "a redraw took " + frameMillis + " ms");
        assertTrue(loadSeconds < records / 20_000.0, "loading took " + loadSeconds + " s");
    }
}
