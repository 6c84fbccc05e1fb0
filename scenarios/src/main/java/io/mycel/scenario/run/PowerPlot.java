package io.mycel.scenario.run;

import io.mycel.node.api.Durations;
import io.mycel.node.api.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The run's energy as an SVG: one panel per node over virtual time, with its state of charge (green,
 * 0 to 100 %), its harvest (orange) and its load between bursts (blue), both on the run's largest
 * wattage, and each brown-out as a red line. Written as {@code power.svg} beside the trace.
 */
final class PowerPlot {

    static final int WIDTH = 900;
    static final int PANEL = 110;
    static final int LEFT = 70;

    private PowerPlot() {
    }

    static String svg(List<EventRecorder.EnergySample> samples, List<RunRecord.Event> events, long endMicros) {
        Map<NodeId, List<EventRecorder.EnergySample>> byNode = new TreeMap<>();
        double maxWatts = 1e-9;
        for (EventRecorder.EnergySample s : samples) {
            byNode.computeIfAbsent(s.node(), k -> new ArrayList<>()).add(s);
            maxWatts = Math.max(maxWatts, Math.max(s.harvestWatts(), s.loadWatts()));
        }
        int height = 30 + byNode.size() * PANEL;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n",
                WIDTH, height));
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\">state of charge (green, 0-100%%), harvest (orange) and load (blue) "
                + "on 0-%.3f W, brown-outs (red), over %s</text>%n", LEFT, maxWatts, Durations.format(endMicros / 1000 * 1000)));
        int row = 0;
        for (Map.Entry<NodeId, List<EventRecorder.EnergySample>> e : byNode.entrySet()) {
            int top = 30 + row++ * PANEL;
            int h = PANEL - 20;
            out.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">%s</text>%n", top + h / 2, e.getKey().name()));
            out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>%n",
                    LEFT, top, WIDTH - LEFT - 10, h));
            line(out, e.getValue(), endMicros, top, h, "#2a2", s -> s.soc());
            double scale = maxWatts;
            line(out, e.getValue(), endMicros, top, h, "#e80", s -> s.harvestWatts() / scale);
            line(out, e.getValue(), endMicros, top, h, "#26c", s -> s.loadWatts() / scale);
            for (RunRecord.Event ev : events) {
                if (ev instanceof RunRecord.BrownOut b && b.node().equals(e.getKey())) {
                    double x = x(b.timeMicros(), endMicros);
                    out.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d00\"/>%n",
                            x, top, x, top + h));
                }
            }
        }
        return out.append("</svg>\n").toString();
    }

    private static void line(StringBuilder out, List<EventRecorder.EnergySample> samples, long end, int top, int h, String colour,
                             java.util.function.ToDoubleFunction<EventRecorder.EnergySample> value) {
        out.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" points=\"");
        for (EventRecorder.EnergySample s : samples) {
            double y = top + h - Math.max(0, Math.min(1, value.applyAsDouble(s))) * h;
            out.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(s.timeMicros(), end), y));
        }
        out.append("\"/>\n");
    }

    private static double x(long micros, long end) {
        return LEFT + (WIDTH - LEFT - 10) * (micros / (double) Math.max(1, end));
    }
}
