package io.mycel.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.scenario.Scenario;
import io.mycel.scenario.load.ScenarioLoader;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * A real run's {@code report.html} in headless Chromium (Debian's, installed by
 * {@code scripts/ensure-chromium.sh} when missing): the DOM after rendering holds the plots, and the
 * screenshot, kept in {@code target/report-screenshots/}, shows them (green points of completed
 * operations, shaded fault spells), not a blank page.
 */
class ReportInChromiumTest {

    private static final Path SHOTS = Path.of("target", "report-screenshots");

    @Test
    void aFailingRunsReportRendersItsPlotsAndFailingOperation() throws Exception {
        Scenario scenario = ScenarioLoader.load(Path.of("library", "raft-kv-stale-reads.yaml"));
        Path out = Files.createTempDirectory("mycel-report");
        try {
            ScenarioRunner.run(scenario, 1, out, null);
            Path report = out.resolve("raft-kv-stale-reads/seed-1/report.html");
            assertTrue(Files.exists(report), "every run writes report.html");
            String chromium = chromium();

            String dom = browser(chromium, List.of("--dump-dom", report.toUri().toString()), 1000, 1200);
            assertTrue(dom.contains("<svg"), "the plots are inline SVG");
            long points = dom.split("<circle class=\"op ok\"", -1).length - 1L;
            long completed = Files.readAllLines(report.resolveSibling("history.jsonl")).stream()
                    .filter(l -> l.contains("\"type\":\"ok\"")).count();
            assertEquals(completed, points, "one green point per operation completed ok");
            assertTrue(dom.contains("<circle class=\"failing\""), "the operation the checker could not place is ringed");
            assertTrue(dom.contains("id=\"failing\""), "and listed");

            Files.createDirectories(SHOTS);
            Path png = SHOTS.resolve("raft-kv-stale-reads-seed-1.png").toAbsolutePath();
            browser(chromium, List.of("--screenshot=" + png, report.toUri().toString()), 1000, 1200);
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(1000, image.getWidth());
            assertEquals(1200, image.getHeight());
            assertTrue(countNear(image, 0x2a9d5c) > 200, "green points of completed operations are drawn");
            assertTrue(countNear(image, 0xdce4ee) > 2000, "partitions are shaded");
        } finally {
            try (Stream<Path> s = Files.walk(out)) {
                s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static String chromium() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "../scripts/ensure-chromium.sh").redirectErrorStream(false).start();
        String path = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0,
                "headless Chromium is needed (scripts/ensure-chromium.sh installs Debian's, as root): " + err);
        return path;
    }

    /** Runs headless Chromium with a fresh profile; returns what it printed. */
    private static String browser(String chromium, List<String> what, int width, int height)
            throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("mycel-chromium");
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-quic", "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
                "--log-level=3", "--user-data-dir=" + profile, "--window-size=" + width + "," + height));
        cmd.addAll(what);
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
            assertEquals(0, p.exitValue(), "chromium " + what);
            return out;
        } finally {
            try (Stream<Path> s = Files.walk(profile)) {
                s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    /** Pixels within a small distance of {@code rgb}. */
    private static int countNear(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int d = Math.abs(((p >> 16) & 0xFF) - ((rgb >> 16) & 0xFF)) + Math.abs(((p >> 8) & 0xFF) - ((rgb >> 8) & 0xFF))
                        + Math.abs((p & 0xFF) - (rgb & 0xFF));
                if (d < 24) {
                    n++;
                }
            }
        }
        return n;
    }
}
