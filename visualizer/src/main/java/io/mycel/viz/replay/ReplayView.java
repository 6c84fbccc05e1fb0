package io.mycel.viz.replay;

import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.paint.Color;

/**
 * A run replayed: the topology ({@link TopologyPainter}: nodes where the scenario placed them or
 * by a force layout of their traffic, coloured by status, with roles, battery gauges, cut links
 * and messages in flight as dots) beside the space-time diagram ({@link SpaceTimePainter}: lanes,
 * arrows, fault bands, client operations and a checker's evidence), and below them a scrubber with
 * play, step and jump to the failure, a search through the trace's records, filters, and an
 * inspector. Clicking anything drawn (a node, a dot, an arrow, an operation, a lane) shows its
 * trace record whole in the inspector. Everything is drawn from {@link TraceIndex} at the cursor;
 * only what falls in the window is visited.
 */
public final class ReplayView extends BorderPane {

    static final Color UP = Color.web("#2a9d5c");
    static final Color DOWN = Color.web("#d62828");
    static final Color PAUSED = Color.web("#e9c46a");
    static final Color ASLEEP = Color.web("#6c757d");
    static final Color BROWNED_OUT = Color.web("#8e44ad");
    /** An up node that a partition or cut keeps from reaching some other node. */
    static final Color PARTITIONED = Color.web("#3a6ea5");
    /** A message the network delivered twice. */
    static final Color DUPLICATED = Color.web("#d35400");
    static final Color CUT = TopologyPainter.CUT;

    private final TraceIndex index;
    private final Canvas topology = new Canvas(420, 420);
    private final TopologyPainter topologyPainter;
    private final Canvas spaceTime = new Canvas(760, 420);
    private final SpaceTimePainter spaceTimePainter;
    private final Inspector inspector;
    private final ComboBox<String> layout = new ComboBox<>();
    private final Slider scrubber;
    private final Label where = new Label();
    private final ComboBox<String> speed = new ComboBox<>();
    private final javafx.scene.control.TextField search = new javafx.scene.control.TextField();
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
    private final AnimationTimer player;
    private long cursor;
    private boolean playing;

    public ReplayView(TraceIndex index) {
        this.index = index;
        this.topologyPainter = new TopologyPainter(index, topology);
        this.spaceTimePainter = new SpaceTimePainter(index, spaceTime);
        this.inspector = new Inspector(index);
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
        choice(nodeFilter, "node-filter", ALL_NODES, index.servers());
        choice(typeFilter, "type-filter", ALL_TYPES, new java.util.TreeSet<>(index.messages().stream()
                .map(TraceIndex.Message::type).filter(java.util.Objects::nonNull).toList()));
        choice(window, "window", AUTO_WINDOW, WINDOWS.keySet());
        HBox controls = new HBox(8, back, play, forward, failure, speed, search, find);
        controls.setPadding(new Insets(6));
        keepWidths(controls);
        layout.setId("layout");
        topologyPainter.layouts().forEach(l -> layout.getItems().add(l.label));
        layout.setValue(topologyPainter.layout().label);
        layout.setOnAction(e -> chooseLayout(layout.getValue()));
        HBox filters = new HBox(8, new Label("show"), nodeFilter, typeFilter, window, layout, where);
        filters.setPadding(new Insets(0, 6, 6, 6));
        keepWidths(filters);
        where.setMinWidth(0);   // a long failure is cut short rather than squeezing the choices
        HBox.setHgrow(where, Priority.ALWAYS);
        setTop(new javafx.scene.layout.VBox(controls, filters));
        setLeft(topology);
        setCenter(spaceTime);
        spaceTime.setOnMouseClicked(e -> selectInDiagram(e.getX(), e.getY()));
        topology.setOnMouseClicked(e -> selectInTopology(e.getX(), e.getY()));
        setBottom(new javafx.scene.layout.VBox(2, scrubber, inspector.area()));
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

    /** A choice of the show row: {@code first} (showing everything) chosen, then {@code rest}; a change redraws. */
    private void choice(ComboBox<String> box, String id, String first, java.util.Collection<String> rest) {
        box.setId(id);
        box.getItems().add(first);
        box.getItems().addAll(rest);
        box.setValue(first);
        box.setOnAction(e -> redraw());
    }

    /** Buttons and choices keep their words; the line may run off instead. */
    private static void keepWidths(HBox row) {
        for (javafx.scene.Node control : row.getChildren()) {
            if (control instanceof javafx.scene.control.Control c) {
                c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
        }
    }

    public long cursor() {
        return cursor;
    }

    /** Client operations drawn as bars at the last redraw. */
    public int visibleOperations() {
        return spaceTimePainter.visibleOperations();
    }

    /** Arrows the space-time diagram drew at the last redraw. */
    public int visibleArrows() {
        return spaceTimePainter.visibleArrows();
    }

    /** Operations drawn ringed as a checker's evidence at the last redraw. */
    public int highlightedOperations() {
        return spaceTimePainter.highlightedOperations();
    }

    /** Messages the topology drew in flight at the last redraw. */
    public int visibleDots() {
        return topologyPainter.visibleDots();
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
            inspector.record(next);
        }
    }

    /** To the last instant before the cursor when something happened; the inspector shows its first record. */
    public void stepBack() {
        int at = index.recordAt(cursor) - 1;
        if (at >= 0) {
            moveTo(index.time(at));
            inspector.record(index.recordAt(index.time(at)));
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
            int hit = index.find(query, inspector.selected() + 1);
            if (hit < 0) {
                inspector.say("no record after this one holds \"" + query + "\"");
                return;
            }
            moveTo(index.time(hit));
            inspector.record(hit);
        } catch (java.io.IOException e) {
            inspector.say("cannot read the trace: " + e.getMessage());
        }
    }

    /**
     * Selects what the space-time diagram drew at ({@code x}, {@code y}): the nearest arrow within
     * 6 px (its send record), else the operation bar there (its invocation and answer), else the
     * lane (its node at that instant). True when something was there.
     */
    public boolean selectInDiagram(double x, double y) {
        int arrow = spaceTimePainter.arrowAt(x, y);
        if (arrow >= 0) {
            inspector.record(arrow);
            return true;
        }
        TraceIndex.Operation op = spaceTimePainter.operationAt(x, y);
        if (op != null) {
            inspector.operation(op);
            return true;
        }
        int lane = spaceTimePainter.laneAt(x, y, index.servers().size());
        if (lane >= 0) {
            inspector.node(lane, Math.min(cursor, Math.max(0, spaceTimePainter.timeAt(x))));
            return true;
        }
        return false;
    }

    /**
     * Selects what the topology drew at ({@code x}, {@code y}): a message in flight (its send
     * record), else a node (its state at the cursor and the record that made it). True when
     * something was there.
     */
    public boolean selectInTopology(double x, double y) {
        int dot = topologyPainter.dotAt(x, y);
        if (dot >= 0) {
            inspector.record(dot);
            return true;
        }
        int node = topologyPainter.nodeAt(x, y);
        if (node >= 0) {
            inspector.node(node, cursor);
            return true;
        }
        return false;
    }

    /** The record the inspector shows, or -1. */
    public int selected() {
        return inspector.selected();
    }

    public String inspectorText() {
        return inspector.text();
    }

    /**
     * To the failure: the cursor at the first broken invariant or the operation the check could not
     * place, the window widened (when it must be) to hold every operation of the check's evidence,
     * and the inspector saying what failed and listing that evidence.
     */
    public void jumpToFailure() {
        if (index.failureMicros() < 0) {
            return;
        }
        List<TraceIndex.Operation> evidence = index.evidenceOperations();
        long earliest = evidence.stream().mapToLong(TraceIndex.Operation::invokeMicros).min().orElse(index.failureMicros());
        long needed = Math.round((index.failureMicros() - earliest) * 1.2);
        if (windowMicros() < needed) {
            window.setValue(WINDOWS.entrySet().stream().filter(e -> e.getValue() >= needed).map(java.util.Map.Entry::getKey)
                    .findFirst().orElse("60s"));
        }
        moveTo(index.failureMicros());
        inspector.failure(evidence);
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

    /** Chooses how the topology places nodes, by its label ("as placed", "by traffic", "circle"). */
    public void chooseLayout(String label) {
        for (TopologyPainter.Layout l : topologyPainter.layouts()) {
            if (l.label.equals(label)) {
                topologyPainter.layout(l);
                layout.setValue(label);
                redraw();
                return;
            }
        }
        throw new IllegalArgumentException("no layout " + label + " for this run");
    }

    /** Where node {@code i} of {@code n} is drawn in the topology. */
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
        spaceTimePainter.draw(nodes, cursor, windowMicros(), this::shown);
        where.setText(String.format(java.util.Locale.ROOT, "%.6f s of %.3f s%s", cursor / 1e6, index.endMicros() / 1e6,
                index.failureMicros() >= 0 && cursor >= index.failureMicros() ? "   FAILED: " + index.failure() : ""));
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

    /** The window chosen in the controls ("auto window", "1ms", ... "60s"). */
    public String windowChoice() {
        return window.getValue();
    }

    /** The diagram's window: the one chosen, or the automatic one. */
    private long windowMicros() {
        return WINDOWS.getOrDefault(window.getValue(), autoWindowMicros);
    }

    /** The space-time diagram's x for an instant in the window ending at the cursor. */
    double timeX(long micros) {
        return spaceTimePainter.timeX(micros);
    }

    /** The y of node {@code i}'s lane in the space-time diagram. */
    double laneY(int i, int nodeCount) {
        return spaceTimePainter.laneY(i, nodeCount);
    }
}
