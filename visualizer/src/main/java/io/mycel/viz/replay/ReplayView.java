package io.mycel.viz.replay;

import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * A run replayed: the topology (nodes on a circle, coloured by status, role written under them, a
 * battery gauge beside each node on a battery, links a partition stands across drawn cut, messages
 * in flight as dots along their link), a space-time diagram (a lane per node coloured by
 * its status from change to change, an arrow per message sent in the window before the cursor, lost
 * ones red, ones delivered twice orange and thicker; clicking an arrow shows its send record), and below them a scrubber with play, step and jump to the failure, a search through
 * the trace's records, and an inspector showing the record found or stepped to whole. Everything is drawn from {@link TraceIndex} at
 * the cursor; only what falls in the window is visited.
 */
public final class ReplayView extends BorderPane {

    static final Color UP = Color.web("#2a9d5c");
    static final Color DOWN = Color.web("#d62828");
    static final Color PAUSED = Color.web("#e9c46a");
    static final Color ASLEEP = Color.web("#6c757d");
    static final Color BROWNED_OUT = Color.web("#8e44ad");
    /** A message the network delivered twice. */
    static final Color DUPLICATED = Color.web("#d35400");
    static final Color CUT = TopologyPainter.CUT;

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

    private final List<Arrow> drawn = new java.util.ArrayList<>();

    private final TraceIndex index;
    private final Canvas topology = new Canvas(420, 420);
    private final TopologyPainter topologyPainter;
    private final Canvas spaceTime = new Canvas(760, 420);
    private final Slider scrubber;
    private final Label where = new Label();
    private final ComboBox<String> speed = new ComboBox<>();
    private final javafx.scene.control.TextField search = new javafx.scene.control.TextField();
    private final javafx.scene.control.TextArea inspector = new javafx.scene.control.TextArea();
    private final ComboBox<String> nodeFilter = new ComboBox<>();
    private final ComboBox<String> typeFilter = new ComboBox<>();
    private final ComboBox<String> window = new ComboBox<>();
    private static final String ALL_NODES = "all nodes";
    private static final String ALL_TYPES = "all messages";
    private static final String AUTO_WINDOW = "auto window";
    /** The windows one can choose, besides the automatic one (a twentieth of the run, narrowed on a busy run). */
    private static final java.util.Map<String, Long> WINDOWS = new java.util.LinkedHashMap<>();

    static {
        WINDOWS.put("1ms", 1_000L);
        WINDOWS.put("10ms", 10_000L);
        WINDOWS.put("100ms", 100_000L);
        WINDOWS.put("1s", 1_000_000L);
        WINDOWS.put("10s", 10_000_000L);
        WINDOWS.put("60s", 60_000_000L);
    }
    private final long autoWindowMicros;
    /** The record the inspector shows (a search hit, or the first at the cursor after a step), or -1. */
    private int selected = -1;
    private final AnimationTimer player;
    private long cursor;
    private int visibleArrows;
    private int visibleOperations;
    private int highlightedOperations;
    private boolean playing;

    public ReplayView(TraceIndex index) {
        this.index = index;
        this.topologyPainter = new TopologyPainter(index, topology);
        // A twentieth of the run, narrowed on a busy run so the diagram holds about a thousand arrows.
        double perMicro = index.messages().size() / (double) Math.max(1, index.endMicros());
        this.autoWindowMicros = Math.max(1_000, Math.min(index.endMicros() / 20, Math.round(1_000 / Math.max(perMicro, 1e-12))));
        scrubber = new Slider(0, Math.max(1, index.endMicros()), 0);
        scrubber.valueProperty().addListener((o, before, now) -> {
            if (Math.round(now.doubleValue()) != cursor) {
                moveTo(Math.round(now.doubleValue()));
            }
        });
        Button back = new Button("◀ step");
        back.setId("step-back");
        back.setOnAction(e -> stepBack());
        Button forward = new Button("step ▶");
        forward.setId("step-forward");
        forward.setOnAction(e -> stepForward());
        Button play = new Button("play");
        play.setId("play");
        play.setOnAction(e -> {
            playing = !playing;
            play.setText(playing ? "pause" : "play");
        });
        Button failure = new Button("jump to failure");
        failure.setId("jump-to-failure");
        failure.setDisable(index.failureMicros() < 0);
        failure.setOnAction(e -> jumpToFailure());
        speed.getItems().addAll("0.01x", "0.1x", "1x", "10x");
        speed.setValue("0.1x");
        search.setId("search");
        search.setPromptText("find in the trace");
        search.setPrefColumnCount(14);
        search.setOnAction(e -> findNext());
        Button find = new Button("find");
        find.setId("find");
        find.setOnAction(e -> findNext());
        nodeFilter.setId("node-filter");
        nodeFilter.getItems().add(ALL_NODES);
        nodeFilter.getItems().addAll(index.servers());
        nodeFilter.setValue(ALL_NODES);
        nodeFilter.setOnAction(e -> redraw());
        typeFilter.setId("type-filter");
        typeFilter.getItems().add(ALL_TYPES);
        typeFilter.getItems().addAll(new java.util.TreeSet<>(index.messages().stream().map(TraceIndex.Message::type)
                .filter(java.util.Objects::nonNull).toList()));
        typeFilter.setValue(ALL_TYPES);
        typeFilter.setOnAction(e -> redraw());
        window.setId("window");
        window.getItems().add(AUTO_WINDOW);
        window.getItems().addAll(WINDOWS.keySet());
        window.setValue(AUTO_WINDOW);
        window.setOnAction(e -> redraw());
        HBox controls = new HBox(8, back, play, forward, failure, speed, search, find);
        controls.setPadding(new Insets(6));
        for (javafx.scene.Node control : controls.getChildren()) {
            if (control instanceof javafx.scene.control.Control c) {
                c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);   // buttons keep their words; the line may run off
            }
        }
        HBox filters = new HBox(8, new Label("show"), nodeFilter, typeFilter, window, where);
        filters.setPadding(new Insets(0, 6, 6, 6));
        HBox.setHgrow(where, Priority.ALWAYS);
        inspector.setId("inspector");
        inspector.setEditable(false);
        inspector.setWrapText(true);
        inspector.setPrefRowCount(2);
        setTop(new javafx.scene.layout.VBox(controls, filters));
        setLeft(topology);
        setCenter(spaceTime);
        spaceTime.setOnMouseClicked(e -> selectArrowAt(e.getX(), e.getY()));
        setBottom(new javafx.scene.layout.VBox(2, scrubber, inspector));
        player = new AnimationTimer() {
            private long last = -1;

            @Override
            public void handle(long now) {
                if (playing && last >= 0) {
                    double factor = Double.parseDouble(speed.getValue().replace("x", ""));
                    moveTo(Math.min(index.endMicros(), cursor + Math.max(1, Math.round((now - last) / 1e3 * factor))));
                }
                last = now;
            }
        };
        player.start();
        moveTo(0);
    }

    public long cursor() {
        return cursor;
    }

    /** Client operations drawn as bars at the last redraw. */
    public int visibleOperations() {
        return visibleOperations;
    }

    /** Arrows the space-time diagram drew at the last redraw. */
    public int visibleArrows() {
        return visibleArrows;
    }

    public void moveTo(long micros) {
        cursor = Math.max(0, Math.min(index.endMicros(), micros));
        scrubber.setValue(cursor);
        redraw();
    }

    /** To the next instant something happened; the inspector shows its first record. */
    public void stepForward() {
        int next = index.recordAt(cursor + 1);
        if (next < index.size()) {
            moveTo(index.time(next));
            select(next);
        }
    }

    /** To the last instant before the cursor when something happened; the inspector shows its first record. */
    public void stepBack() {
        int at = index.recordAt(cursor) - 1;
        if (at >= 0) {
            moveTo(index.time(at));
            select(index.recordAt(index.time(at)));
        }
    }

    /**
     * The next record after the one selected whose text holds what the search field says: the
     * cursor moves to it and the inspector shows it whole; when none is left the inspector says so
     * and the cursor stays.
     */
    public void findNext() {
        String query = search.getText();
        try {
            int hit = index.find(query, selected + 1);
            if (hit < 0) {
                inspector.setText("no record after this one holds \"" + query + "\"");
                selected = -1;   // the next search starts from the top again
                return;
            }
            moveTo(index.time(hit));
            select(hit);
        } catch (java.io.IOException e) {
            inspector.setText("cannot read the trace: " + e.getMessage());
        }
    }

    /**
     * Selects the message whose arrow passes within 6 px of ({@code x}, {@code y}) in the diagram,
     * the nearest: the inspector shows its send record. True when one was there.
     */
    public boolean selectArrowAt(double x, double y) {
        Arrow best = null;
        for (Arrow a : drawn) {
            if (a.distance(x, y) <= 6 && (best == null || a.distance(x, y) < best.distance(x, y))) {
                best = a;
            }
        }
        if (best != null) {
            select(best.record());
        }
        return best != null;
    }

    /** The record the inspector shows, or -1. */
    public int selected() {
        return selected;
    }

    public String inspectorText() {
        return inspector.getText();
    }

    private void select(int record) {
        selected = record;
        try {
            inspector.setText("record " + (record + 1) + ": " + index.text(record));
        } catch (java.io.IOException e) {
            inspector.setText("cannot read record " + (record + 1) + ": " + e.getMessage());
        }
    }

    public void jumpToFailure() {
        if (index.failureMicros() >= 0) {
            moveTo(index.failureMicros());
        }
    }

    static Color colour(TraceIndex.Status s) {
        return switch (s) {
            case UP -> UP;
            case DOWN -> DOWN;
            case PAUSED -> PAUSED;
            case ASLEEP -> ASLEEP;
            case BROWNED_OUT -> BROWNED_OUT;
        };
    }

    /** Where node {@code i} of {@code n} sits on the topology's circle. */
    double[] position(int i, int n) {
        return topologyPainter.position(i, n);
    }

    /** Node {@code i}'s battery gauge (x, y, width, height), beside its disc. */
    double[] gaugeRect(int i, int n) {
        return topologyPainter.gaugeRect(i, n);
    }

    private void redraw() {
        List<String> nodes = index.servers();
        topologyPainter.draw(nodes, cursor, windowMicros(), this::shown);
        drawSpaceTime(nodes);
        where.setText(String.format(java.util.Locale.ROOT, "%.6f s of %.3f s%s", cursor / 1e6, index.endMicros() / 1e6,
                index.failureMicros() >= 0 && cursor >= index.failureMicros() ? "   FAILED: " + index.failure() : ""));
    }

    /** Each client operation overlapping the window as a bar from invocation to answer, by process. */
    private void drawOperations(GraphicsContext g, double left, double top, double strip, long from, double scale) {
        visibleOperations = 0;
        highlightedOperations = 0;
        if (strip == 0) {
            return;
        }
        int rows = 8;
        double row = strip / rows;
        for (TraceIndex.Operation o : index.operations()) {
            long end = o.completeMicros() < 0 ? cursor : Math.min(o.completeMicros(), cursor);
            if (o.invokeMicros() > cursor || end < from) {
                continue;
            }
            double x0 = left + (Math.max(o.invokeMicros(), from) - from) * scale;
            double x1 = left + (end - from) * scale;
            boolean done = o.completeMicros() >= 0 && o.completeMicros() <= cursor;
            g.setFill(!done ? Color.web("#bbbbbb") : o.outcome().equals("ok") ? UP
                    : o.outcome().equals("fail") ? Color.web("#e07b00") : ASLEEP);
            double y = top + row * Math.floorMod(o.process(), rows) + 1;
            g.fillRect(x0, y, Math.max(2, x1 - x0), row - 2);
            if (index.blamed(o)) {
                // The checker's evidence: the operation it could not place, ringed in red.
                g.setStroke(DOWN);
                g.setLineWidth(2);
                g.strokeRect(x0 - 2, y - 1, Math.max(2, x1 - x0) + 4, row);
                g.setLineWidth(1);
                highlightedOperations++;
            }
            visibleOperations++;
        }
    }

    /** Operations drawn ringed as a checker's evidence at the last redraw. */
    public int highlightedOperations() {
        return highlightedOperations;
    }

    /** Whether the filters let message {@code m} be drawn: of the type chosen, from or to the node chosen. */
    private boolean shown(TraceIndex.Message m) {
        String node = nodeFilter.getValue();
        if (node != null && !node.equals(ALL_NODES)) {
            int i = index.servers().indexOf(node);
            if (m.from() != i && m.to() != i) {
                return false;
            }
        }
        String type = typeFilter.getValue();
        return type == null || type.equals(ALL_TYPES) || type.equals(m.type());
    }

    /** Chooses what messages are drawn (null or "all ..." for every one) and the window, as the controls do. */
    public void filter(String node, String type, String windowChoice) {
        nodeFilter.setValue(node == null ? ALL_NODES : node);
        typeFilter.setValue(type == null ? ALL_TYPES : type);
        window.setValue(windowChoice == null ? AUTO_WINDOW : windowChoice);
        redraw();
    }

    /** The diagram's window: the one chosen, or the automatic one. */
    private long windowMicros() {
        return WINDOWS.getOrDefault(window.getValue(), autoWindowMicros);
    }

    /** The space-time diagram's x for an instant in the window ending at the cursor. */
    double timeX(long micros) {
        double left = 60;
        return left + (spaceTime.getWidth() - 10 - left) * (micros - (cursor - windowMicros())) / (double) windowMicros();
    }

    /** The y of node {@code i}'s lane in the space-time diagram. */
    double laneY(int i, int nodeCount) {
        double strip = index.operations().isEmpty() ? 0 : 60;
        double lane = (spaceTime.getHeight() - 20 - strip) / Math.max(1, nodeCount);
        return 10 + lane * (i + 0.5);
    }

    private void drawSpaceTime(List<String> nodes) {
        GraphicsContext g = spaceTime.getGraphicsContext2D();
        double w = spaceTime.getWidth();
        double h = spaceTime.getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        int n = Math.max(1, nodes.size());
        double left = 60;
        double strip = index.operations().isEmpty() ? 0 : 60;   // client operations under the lanes
        double lane = (h - 20 - strip) / n;
        long from = cursor - windowMicros();
        double scale = (w - 10 - left) / (double) windowMicros();
        g.setFill(Color.web("#3a6ea5", 0.15));
        for (TraceIndex.Span p : index.partitions()) {
            if (p.toMicros() >= from && p.fromMicros() <= cursor) {
                double x0 = left + (Math.max(p.fromMicros(), from) - from) * scale;
                double x1 = left + (Math.min(p.toMicros(), cursor) - from) * scale;
                g.fillRect(x0, 0, Math.max(1, x1 - x0), h - strip);
            }
        }
        drawOperations(g, left, h - strip, strip, from, scale);
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
                g.setStroke(colour(changes.get(c).status()));
                g.strokeLine(timeX(start), y, timeX(stop), y);
            }
            g.setFill(Color.BLACK);
            g.fillText(nodes.get(i), left - 6, y);
        }
        g.setLineWidth(1);
        visibleArrows = 0;
        drawn.clear();
        List<TraceIndex.Message> messages = index.messages();
        for (int k = index.firstMessageAround(from); k < messages.size(); k++) {
            TraceIndex.Message m = messages.get(k);
            if (m.sendMicros() > cursor) {
                break;
            }
            if (m.from() >= nodes.size() || m.to() >= nodes.size() || !shown(m)) {
                continue;
            }
            long end = m.deliverMicros() >= 0 ? m.deliverMicros() : m.sendMicros();
            if (end < from && m.sendMicros() < from) {
                continue;
            }
            double x0 = left + (m.sendMicros() - from) * scale;
            double x1 = left + (Math.min(end, cursor) - from) * scale;
            double y0 = 10 + lane * (m.from() + 0.5);
            double y1 = 10 + lane * (m.to() + 0.5);
            if (m.deliverMicros() > cursor) {
                y1 = y0 + (y1 - y0) * (cursor - m.sendMicros()) / (double) Math.max(1, m.deliverMicros() - m.sendMicros());
            }
            g.setStroke(m.dropped() ? DOWN : m.duplicated() ? DUPLICATED : Color.web("#3a6ea5", 0.6));
            g.setLineWidth(m.duplicated() ? 2 : 1);
            g.strokeLine(x0, y0, x1, y1);
            g.setLineWidth(1);
            drawn.add(new Arrow(x0, y0, x1, y1, m.sendRecord()));
            visibleArrows++;
        }
        if (index.failureMicros() >= 0 && index.failureMicros() >= from && index.failureMicros() <= cursor) {
            double x = left + (index.failureMicros() - from) * scale;
            g.setStroke(DOWN);
            g.setLineWidth(2);
            g.strokeLine(x, 0, x, h);
            g.setLineWidth(1);
        }
    }
}
