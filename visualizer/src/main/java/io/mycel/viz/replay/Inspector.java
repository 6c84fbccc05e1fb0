package io.mycel.viz.replay;

import java.util.List;
import java.util.Locale;
import javafx.scene.control.TextArea;

/**
 * The replay's inspector: the full trace record of what was selected (a search hit, a step, an
 * arrow or dot), an operation with its invocation and answer, a node's state at an instant with
 * the record that made it, or a failure with the check's evidence. It keeps the record selected,
 * where the next search starts.
 */
final class Inspector {

    private final TraceIndex index;
    private final TextArea area = new TextArea();
    /** The record shown (a search hit, or the first at the cursor after a step), or -1. */
    private int selected = -1;

    Inspector(TraceIndex index) {
        this.index = index;
        area.setId("inspector");
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefRowCount(2);
    }

    TextArea area() {
        return area;
    }

    int selected() {
        return selected;
    }

    String text() {
        return area.getText();
    }

    /** Says something that is no record; the next search starts from the top. */
    void say(String text) {
        selected = -1;
        area.setText(text);
    }

    /** Record {@code record}, whole. */
    void record(int record) {
        selected = record;
        area.setText(describe(record));
    }

    private String describe(int record) {
        try {
            return "record " + (record + 1) + ": " + index.text(record);
        } catch (java.io.IOException e) {
            return "cannot read record " + (record + 1) + ": " + e.getMessage();
        }
    }

    /** An operation: who did what where, what the check's evidence makes of it, and its two records. */
    void operation(TraceIndex.Operation op) {
        selected = op.invokeRecord();
        TraceIndex.Evidence evidence = index.evidence(op);
        area.setText("operation " + op.f() + " of client process " + op.process() + " on " + op.node()
                + (evidence == TraceIndex.Evidence.BLOCKING ? ", the one the check could not place"
                : evidence == TraceIndex.Evidence.INVOLVED ? ", part of the check's evidence" : "") + "\n"
                + describe(op.invokeRecord()) + "\n"
                + (op.completeRecord() >= 0 ? describe(op.completeRecord()) : "no answer recorded"));
    }

    /** Node {@code node} at {@code micros}: its status, role and charge, and the record that made them so. */
    void node(int node, long micros) {
        TraceIndex.Change c = index.at(node, micros);
        double soc = index.charge(node, micros);
        StringBuilder text = new StringBuilder(index.servers().get(node)).append(" at ")
                .append(String.format(Locale.ROOT, "%.6f s", micros / 1e6)).append(": ")
                .append(c.status().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .append(c.role().isEmpty() ? "" : ", " + c.role())
                .append(Double.isNaN(soc) ? "" : String.format(Locale.ROOT, ", battery %.0f%%", 100 * soc));
        if (c.record() >= 0) {
            selected = c.record();
            text.append("\nsince ").append(describe(c.record()));
        } else {
            text.append(" since the start");
        }
        area.setText(text.toString());
    }

    /** The failure, and each operation of the check's evidence (the one it could not place starred). */
    void failure(List<TraceIndex.Operation> evidence) {
        StringBuilder text = new StringBuilder("FAILED: ").append(index.failure());
        for (TraceIndex.Operation op : evidence) {
            text.append(String.format(Locale.ROOT, "%n%s %s of process %d on %s, %.6f s to %s",
                    index.evidence(op) == TraceIndex.Evidence.BLOCKING ? "*" : "-", op.f(), op.process(), op.node(),
                    op.invokeMicros() / 1e6, op.completeMicros() < 0 ? "no answer"
                            : String.format(Locale.ROOT, "%.6f s (%s)", op.completeMicros() / 1e6, op.outcome())));
        }
        area.setText(text.toString());
    }
}
