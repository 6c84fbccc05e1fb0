package io.mycel.viz.replay;

import java.util.List;
import java.util.function.Predicate;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * Draws the replay's topology: the run's nodes on a circle, coloured by status with their role
 * under them and a battery gauge beside each node on a battery; the links a partition or cut
 * stands across, drawn cut; messages in flight as dots along their link, lost ones red.
 */
final class TopologyPainter {

    private final TraceIndex index;
    private final Canvas canvas;

    TopologyPainter(TraceIndex index, Canvas canvas) {
        this.index = index;
        this.canvas = canvas;
    }

    /** Where node {@code i} of {@code n} sits on the topology's circle. */
    double[] position(int i, int n) {
        double cx = canvas.getWidth() / 2;
        double cy = canvas.getHeight() / 2;
        double r = Math.min(cx, cy) - 40;
        double a = 2 * Math.PI * i / Math.max(1, n) - Math.PI / 2;
        return new double[] {cx + r * Math.cos(a), cy + r * Math.sin(a)};
    }

    /** The topology at {@code cursor}: in-flight messages of the last tenth of {@code windowMicros} that {@code shown} lets through. */
    void draw(List<String> nodes, long cursor, long windowMicros, Predicate<TraceIndex.Message> shown) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        int n = nodes.size();
        double radius = Math.max(4, Math.min(18, 600.0 / Math.max(1, n)));
        g.setStroke(Color.web("#dddddd"));
        List<TraceIndex.Message> messages = index.messages();
        for (int k = index.firstMessageAround(cursor - windowMicros / 10); k < messages.size(); k++) {
            TraceIndex.Message m = messages.get(k);
            if (m.sendMicros() > cursor) {
                break;   // sent in time order: nothing later is in flight yet
            }
            if (m.from() >= n || m.to() >= n || !shown.test(m)) {
                continue;   // to or from a client (the topology shows the run's nodes), or filtered out
            }
            long end = m.deliverMicros() >= 0 ? m.deliverMicros() : m.sendMicros() + windowMicros / 10;
            if (end > cursor && m.sendMicros() <= cursor) {
                double[] a = position(m.from(), n);
                double[] b = position(m.to(), n);
                double f = (cursor - m.sendMicros()) / (double) Math.max(1, end - m.sendMicros());
                g.strokeLine(a[0], a[1], b[0], b[1]);
                g.setFill(m.dropped() ? ReplayView.DOWN : m.duplicated() ? ReplayView.DUPLICATED : Color.web("#3a6ea5"));
                g.fillOval(a[0] + (b[0] - a[0]) * f - 3, a[1] + (b[1] - a[1]) * f - 3, 6, 6);
            }
        }
        drawCutLinks(g, n, cursor);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int i = 0; i < n; i++) {
            double[] p = position(i, n);
            TraceIndex.Change c = index.at(i, cursor);
            g.setFill(ReplayView.colour(c.status()));
            g.fillOval(p[0] - radius, p[1] - radius, 2 * radius, 2 * radius);
            g.setFill(Color.BLACK);
            g.fillText(nodes.get(i) + (c.role().isEmpty() ? "" : "\n" + c.role()), p[0], p[1] + radius + 2);
            drawGauge(g, i, n, cursor);
        }
    }

    /** Most nodes whose cut links are drawn one by one; past it a mesh of cuts would hide everything. */
    static final int MAX_NODES_FOR_CUT_LINKS = 16;
    static final Color CUT = Color.web("#c0392b");

    /** Each link a partition or cut stands across at the cursor: a dashed red line, crossed out at its middle. */
    private void drawCutLinks(GraphicsContext g, int n, long cursor) {
        if (n > MAX_NODES_FOR_CUT_LINKS) {
            return;
        }
        g.setStroke(CUT);
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (!index.cut(i, j, cursor)) {
                    continue;
                }
                double[] a = position(i, n);
                double[] b = position(j, n);
                g.setLineWidth(1.5);
                g.setLineDashes(6, 5);
                g.strokeLine(a[0], a[1], b[0], b[1]);
                g.setLineDashes(null);
                double mx = (a[0] + b[0]) / 2;
                double my = (a[1] + b[1]) / 2;
                g.setLineWidth(2.5);
                g.strokeLine(mx - 5, my - 5, mx + 5, my + 5);
                g.strokeLine(mx - 5, my + 5, mx + 5, my - 5);
            }
        }
        g.setLineWidth(1);
    }

    /** Node {@code i}'s battery gauge (x, y, width, height), beside its disc. */
    double[] gaugeRect(int i, int n) {
        double[] p = position(i, n);
        double radius = Math.max(4, Math.min(18, 600.0 / Math.max(1, n)));
        return new double[] {p[0] + radius + 4, p[1] - 4, 28, 8};
    }

    /** A battery node's charge at the cursor as a filled bar: green, amber below a half, red below a fifth. */
    private void drawGauge(GraphicsContext g, int i, int n, long cursor) {
        double soc = index.charge(i, cursor);
        if (Double.isNaN(soc)) {
            return;   // on mains
        }
        double[] r = gaugeRect(i, n);
        double level = Math.max(0, Math.min(1, soc));
        g.setFill(level > 0.5 ? ReplayView.UP : level > 0.2 ? ReplayView.PAUSED : ReplayView.DOWN);
        g.fillRect(r[0], r[1], r[2] * level, r[3]);
        g.setStroke(Color.BLACK);
        g.setLineWidth(1);
        g.strokeRect(r[0], r[1], r[2], r[3]);
    }
}
