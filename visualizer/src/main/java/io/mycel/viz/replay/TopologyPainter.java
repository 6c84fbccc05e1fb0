package io.mycel.viz.replay;

import java.util.List;
import java.util.function.Predicate;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * Draws the replay's topology: the run's nodes where the chosen {@link Layout} puts them, coloured
 * by status (an up node a partition or cut keeps from another drawn blue) with their role under them and a battery gauge beside each node on a battery; the
 * links a partition or cut stands across, drawn cut; messages in flight as dots along their link,
 * lost ones red. It remembers where it drew nodes and dots, so a click can pick them.
 */
final class TopologyPainter {

    /** How nodes are placed. */
    enum Layout {
        /** Where the scenario placed them; those it did not, by traffic around them. */
        AS_PLACED("as placed"),
        /** A force layout of who talked to whom. */
        BY_TRAFFIC("by traffic"),
        CIRCLE("circle");

        final String label;

        Layout(String label) {
            this.label = label;
        }
    }

    /** A message in flight as drawn at the last redraw, and its send record. */
    private record Dot(double x, double y, int record) {
    }

    private final TraceIndex index;
    private final Canvas canvas;
    private final int nodeCount;
    /** Messages each pair of the run's nodes exchanged, either way (upper triangle), for the force layout. */
    private long[][] traffic;
    /** Each node's place in the unit square, for the layout chosen. */
    private double[][] unit;
    private Layout layout;
    private final List<Dot> dots = new java.util.ArrayList<>();

    TopologyPainter(TraceIndex index, Canvas canvas) {
        this.index = index;
        this.canvas = canvas;
        this.nodeCount = index.servers().size();
        layout(index.positions().isEmpty() ? Layout.BY_TRAFFIC : Layout.AS_PLACED);
    }

    /** The layouts this run offers: "as placed" only when its scenario placed nodes. */
    List<Layout> layouts() {
        return index.positions().isEmpty() ? List.of(Layout.BY_TRAFFIC, Layout.CIRCLE) : List.of(Layout.values());
    }

    Layout layout() {
        return layout;
    }

    void layout(Layout chosen) {
        layout = chosen;
        if (chosen == Layout.CIRCLE || nodeCount > NodeLayout.MAX_FORCE_NODES) {
            unit = NodeLayout.circle(nodeCount);
            return;
        }
        if (traffic == null) {
            traffic = traffic();
        }
        unit = NodeLayout.placed(index.servers(), chosen == Layout.AS_PLACED ? index.positions() : java.util.Map.of(), traffic);
    }

    private long[][] traffic() {
        long[][] t = new long[nodeCount][nodeCount];
        for (TraceIndex.Message m : index.messages()) {
            if (m.from() < nodeCount && m.to() < nodeCount && m.from() != m.to()) {
                t[Math.min(m.from(), m.to())][Math.max(m.from(), m.to())]++;
            }
        }
        return t;
    }

    /** Where node {@code i} of {@code n} is drawn, in the canvas. */
    double[] position(int i, int n) {
        // Room for names under the discs, and for the battery gauges right of them.
        double side = Math.min(canvas.getWidth() - 100, canvas.getHeight() - 80);
        double left = 40 + (canvas.getWidth() - 100 - side) / 2;
        double top = (canvas.getHeight() - side) / 2;
        double[] u = unit[i];
        return new double[] {left + u[0] * side, top + u[1] * side};
    }

    /** The node whose disc holds (x, y), the nearest, or -1. */
    int nodeAt(double x, double y) {
        int n = nodeCount;
        int best = -1;
        double bestDistance = radius(n) + 2;
        for (int i = 0; i < n; i++) {
            double[] p = position(i, n);
            double d = Math.hypot(x - p[0], y - p[1]);
            if (d <= bestDistance) {
                best = i;
                bestDistance = d;
            }
        }
        return best;
    }

    /** The send record of the message drawn nearest (x, y), within 5 px, at the last redraw, or -1. */
    int dotAt(double x, double y) {
        int best = -1;
        double bestDistance = 5;
        for (Dot d : dots) {
            double distance = Math.hypot(x - d.x(), y - d.y());
            if (distance <= bestDistance) {
                best = d.record();
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Messages drawn in flight at the last redraw. */
    int visibleDots() {
        return dots.size();
    }

    private static double radius(int n) {
        return Math.max(4, Math.min(18, 600.0 / Math.max(1, n)));
    }

    /** The topology at {@code cursor}: in-flight messages of the last tenth of {@code windowMicros} that {@code shown} lets through. */
    void draw(List<String> nodes, long cursor, long windowMicros, Predicate<TraceIndex.Message> shown) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        int n = nodes.size();
        double radius = radius(n);
        dots.clear();
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
                double x = a[0] + (b[0] - a[0]) * f;
                double y = a[1] + (b[1] - a[1]) * f;
                g.fillOval(x - 3, y - 3, 6, 6);
                dots.add(new Dot(x, y, m.sendRecord()));
            }
        }
        drawCutLinks(g, n, cursor);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (int i = 0; i < n; i++) {
            double[] p = position(i, n);
            TraceIndex.Change c = index.at(i, cursor);
            g.setFill(c.status() == TraceIndex.Status.UP && index.cutOff(i, cursor) ? ReplayView.PARTITIONED : ReplayView.colour(c.status()));
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
        return new double[] {p[0] + radius(n) + 4, p[1] - 4, 28, 8};
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
