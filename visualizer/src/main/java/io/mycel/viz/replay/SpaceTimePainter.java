package io.mycel.viz.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * Draws the replay's space-time diagram for the window ending at the cursor: a lane per node
 * coloured by its status from change to change (a crash is a red band), partitions shaded across
 * the lanes, an arrow per message (lost ones red, ones delivered twice orange and thicker), client
 * operations as bars under the lanes from invocation to answer, and a checker's evidence ringed in
 * red (the operation it could not place solid, the others it could not linearize with it dashed).
 * It remembers what it drew where, so a click can pick an arrow, a bar or a lane.
 */
final class SpaceTimePainter {

    /** Width of the lanes' labels, left of the diagram. */
    private static final double LEFT = 60;
    /** Rows of operation bars; a client's bars go in the row of its process number modulo this. */
    private static final int OPERATION_ROWS = 8;

    /** An arrow as drawn at the last redraw, and the trace record of its message's send. */
    private record Arrow(double x0, double y0, double x1, double y1, int record) {

        /** Distance from (x, y) to the segment. */
        double distance(double x, double y) {
            double dx = x1 - x0;
            double dy = y1 - y0;
            double length = dx * dx + dy * dy;
            double f = length == 0 ? 0 : Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / length));
            return Math.hypot(x - (x0 + f * dx), y - (y0 + f * dy));
        }
    }

    /** An operation's bar as drawn at the last redraw. */
    private record Bar(double x, double y, double width, double height, TraceIndex.Operation operation) {

        boolean holds(double px, double py) {
            return px >= x - 2 && px <= x + width + 2 && py >= y && py <= y + height;
        }
    }

    private final TraceIndex index;
    private final Canvas canvas;
    private final List<Arrow> arrows = new ArrayList<>();
    private final List<Bar> bars = new ArrayList<>();
    private int highlighted;
    private long cursor;
    private long windowMicros = 1;

    SpaceTimePainter(TraceIndex index, Canvas canvas) {
        this.index = index;
        this.canvas = canvas;
    }

    /** Arrows drawn at the last redraw. */
    int visibleArrows() {
        return arrows.size();
    }

    /** Operation bars drawn at the last redraw. */
    int visibleOperations() {
        return bars.size();
    }

    /** Operations drawn ringed as a checker's evidence at the last redraw. */
    int highlightedOperations() {
        return highlighted;
    }

    /** The x of an instant in the window drawn last. */
    double timeX(long micros) {
        return LEFT + (canvas.getWidth() - 10 - LEFT) * (micros - (cursor - windowMicros)) / (double) windowMicros;
    }

    /** The instant drawn at x in the window drawn last. */
    long timeAt(double x) {
        return cursor - windowMicros + Math.round((x - LEFT) / (canvas.getWidth() - 10 - LEFT) * windowMicros);
    }

    private double strip() {
        return index.operations().isEmpty() ? 0 : 60;   // client operations under the lanes
    }

    private double lane(int nodeCount) {
        return (canvas.getHeight() - 20 - strip()) / Math.max(1, nodeCount);
    }

    /** The y of node {@code i}'s lane. */
    double laneY(int i, int nodeCount) {
        return 10 + lane(nodeCount) * (i + 0.5);
    }

    /** The node whose lane (right of the labels) holds (x, y), or -1. */
    int laneAt(double x, double y, int nodeCount) {
        int i = (int) Math.floor((y - 10) / lane(nodeCount));
        return x < LEFT || y < 10 || i < 0 || i >= nodeCount ? -1 : i;
    }

    /** The send record of the message whose arrow passes within 6 px of (x, y), the nearest, or -1. */
    int arrowAt(double x, double y) {
        Arrow best = null;
        for (Arrow a : arrows) {
            if (a.distance(x, y) <= 6 && (best == null || a.distance(x, y) < best.distance(x, y))) {
                best = a;
            }
        }
        return best == null ? -1 : best.record();
    }

    /** The operation whose bar holds (x, y), or null. */
    TraceIndex.Operation operationAt(double x, double y) {
        for (Bar b : bars) {
            if (b.holds(x, y)) {
                return b.operation();
            }
        }
        return null;
    }

    /** The diagram of the {@code window} microseconds up to {@code cursor}, with the messages {@code shown} lets through. */
    void draw(List<String> nodes, long cursor, long window, Predicate<TraceIndex.Message> shown) {
        this.cursor = cursor;
        this.windowMicros = Math.max(1, window);
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        long from = cursor - windowMicros;
        double strip = strip();
        g.setFill(Color.web("#3a6ea5", 0.15));
        for (TraceIndex.Span p : index.partitions()) {
            if (p.toMicros() >= from && p.fromMicros() <= cursor) {
                double x0 = timeX(Math.max(p.fromMicros(), from));
                double x1 = timeX(Math.min(p.toMicros(), cursor));
                g.fillRect(x0, 0, Math.max(1, x1 - x0), h - strip);
            }
        }
        drawOperations(g, h - strip, strip, from);
        drawLanes(g, nodes, from);
        drawArrows(g, nodes, from, shown);
        if (index.failureMicros() >= from && index.failureMicros() <= cursor) {
            double x = timeX(index.failureMicros());
            g.setStroke(ReplayView.DOWN);
            g.setLineWidth(2);
            g.strokeLine(x, 0, x, h);
            g.setLineWidth(1);
        }
    }

    private void drawLanes(GraphicsContext g, List<String> nodes, long from) {
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.setLineWidth(3);
        for (int i = 0; i < nodes.size(); i++) {
            double y = laneY(i, nodes.size());
            // The lane is coloured by the node's status from change to change: a crash is a red band.
            List<TraceIndex.Change> changes = index.changesBetween(i, from, cursor);
            for (int c = 0; c < changes.size(); c++) {
                long start = Math.max(from, changes.get(c).micros());
                long stop = c + 1 < changes.size() ? changes.get(c + 1).micros() : cursor;
                g.setStroke(ReplayView.colour(changes.get(c).status()));
                g.strokeLine(timeX(start), y, timeX(stop), y);
            }
            g.setFill(Color.BLACK);
            g.fillText(nodes.get(i), LEFT - 6, y);
        }
        g.setLineWidth(1);
    }

    private void drawArrows(GraphicsContext g, List<String> nodes, long from, Predicate<TraceIndex.Message> shown) {
        arrows.clear();
        List<TraceIndex.Message> messages = index.messages();
        for (int k = index.firstMessageAround(from); k < messages.size(); k++) {
            TraceIndex.Message m = messages.get(k);
            if (m.sendMicros() > cursor) {
                break;
            }
            if (m.from() >= nodes.size() || m.to() >= nodes.size() || !shown.test(m)) {
                continue;
            }
            long end = m.deliverMicros() >= 0 ? m.deliverMicros() : m.sendMicros();
            if (end < from && m.sendMicros() < from) {
                continue;
            }
            double x0 = timeX(m.sendMicros());
            double x1 = timeX(Math.min(end, cursor));
            double y0 = laneY(m.from(), nodes.size());
            double y1 = laneY(m.to(), nodes.size());
            if (m.deliverMicros() > cursor) {
                y1 = y0 + (y1 - y0) * (cursor - m.sendMicros()) / (double) Math.max(1, m.deliverMicros() - m.sendMicros());
            }
            g.setStroke(m.dropped() ? ReplayView.DOWN : m.duplicated() ? ReplayView.DUPLICATED : Color.web("#3a6ea5", 0.6));
            g.setLineWidth(m.duplicated() ? 2 : 1);
            g.strokeLine(x0, y0, x1, y1);
            g.setLineWidth(1);
            arrows.add(new Arrow(x0, y0, x1, y1, m.sendRecord()));
        }
    }

    /** Each client operation overlapping the window as a bar from invocation to answer, in its process's row. */
    private void drawOperations(GraphicsContext g, double top, double strip, long from) {
        bars.clear();
        highlighted = 0;
        if (strip == 0) {
            return;
        }
        double row = strip / OPERATION_ROWS;
        for (TraceIndex.Operation o : index.operations()) {
            long end = o.completeMicros() < 0 ? cursor : Math.min(o.completeMicros(), cursor);
            if (o.invokeMicros() > cursor || end < from) {
                continue;
            }
            double x0 = timeX(Math.max(o.invokeMicros(), from));
            double width = Math.max(2, timeX(end) - x0);
            boolean done = o.completeMicros() >= 0 && o.completeMicros() <= cursor;
            g.setFill(!done ? Color.web("#bbbbbb") : o.outcome().equals("ok") ? ReplayView.UP
                    : o.outcome().equals("fail") ? Color.web("#e07b00") : ReplayView.ASLEEP);
            double y = top + row * Math.floorMod(o.process(), OPERATION_ROWS) + 1;
            g.fillRect(x0, y, width, row - 2);
            TraceIndex.Evidence evidence = index.evidence(o);
            if (evidence != TraceIndex.Evidence.NONE) {
                // The checker's evidence: the operation it could not place ringed solid, the others dashed.
                g.setStroke(ReplayView.DOWN);
                g.setLineWidth(2);
                g.setLineDashes(evidence == TraceIndex.Evidence.BLOCKING ? null : new double[] {4, 3});
                g.strokeRect(x0 - 2, y - 1, width + 4, row);
                g.setLineDashes(null);
                g.setLineWidth(1);
                highlighted++;
            }
            bars.add(new Bar(x0, y, width, row - 2, o));
        }
    }
}
