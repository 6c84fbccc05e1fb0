package io.mycel.viz.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A run's {@code report.html}: one self-contained page (inline CSS and SVG, no script, nothing
 * fetched) with the verdict table, client latency and throughput over virtual time with the fault
 * spells shaded, each node's charge, and the operations the failing checks point at, ringed on the
 * latency plot and listed with their history lines.
 */
public final class RunReport {

    static final String OK = "#2a9d5c";
    static final String FAIL = "#e07b00";
    static final String INFO = "#8a8a8a";
    static final String FAILING = "#d62828";
    private static final Map<String, String> SPELL_COLOURS = Map.of("partitioned", "#3a6ea5", "down", "#d62828", "paused", "#e9c46a",
            "asleep", "#6c757d", "browned out", "#8e44ad");
    private static final String[] NODE_COLOURS = {"#3a6ea5", "#2a9d5c", "#e07b00", "#8e44ad", "#d62828", "#16a2b8", "#6c757d", "#b5838d"};

    private RunReport() {
    }

    /** Writes {@code report.html} into the run's folder and returns its path. */
    public static Path write(Path runDir) throws IOException {
        Path out = runDir.resolve("report.html");
        Files.writeString(out, html(RunData.read(runDir)), StandardCharsets.UTF_8);
        return out;
    }

    static String html(RunData d) {
        JsonNode v = d.verdict;
        String title = v.path("scenario").asText("run") + " seed " + v.path("seed").asText("?");
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(Html.escape(title))
                .append("</title>\n<style>\n").append(CSS).append("</style></head><body>\n");
        String verdict = v.path("verdict").asText("unknown");
        h.append("<h1>").append(Html.escape(title)).append(" <span class=\"verdict ").append(Html.escape(verdict)).append("\">")
                .append(Html.escape(verdict.toUpperCase(Locale.ROOT))).append("</span></h1>\n");
        if (v.has("replay")) {
            h.append("<p>replay with <code>").append(Html.escape(v.get("replay").asText())).append("</code></p>\n");
        }
        verdicts(h, v);
        Set<Long> failing = failingLines(v);
        latency(h, d, failing);
        throughput(h, d);
        charge(h, d);
        failingOperations(h, d, failing);
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void verdicts(StringBuilder h, JsonNode v) {
        h.append("<h2>Checks</h2>\n<table id=\"checks\"><tr><th>check</th><th>verdict</th><th>evidence</th></tr>\n");
        for (JsonNode c : v.path("checks")) {
            String verdict = c.path("verdict").asText();
            h.append("<tr><td>").append(Html.escape(c.path("check").asText())).append("</td><td class=\"verdict ")
                    .append(Html.escape(verdict)).append("\">").append(Html.escape(verdict)).append("</td><td>")
                    .append(Html.escape(c.path("summary").asText())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /**
     * History lines (1-based) of the operations a failing check's evidence names, in the order named:
     * the operation it could not place when it says so, then the smallest set it could not linearize
     * with it ({@code minimal}; a linearizability check's evidence also lists the whole prefix it did
     * place, which would drown them), else every operation it names.
     */
    static Set<Long> failingLines(JsonNode v) {
        Set<Long> lines = new LinkedHashSet<>();
        for (JsonNode c : v.path("checks")) {
            if (c.path("verdict").asText().equals("fail")) {
                JsonNode e = c.path("evidence");
                if (e.has("blocking")) {
                    collect(e.get("blocking"), lines);
                    collect(e.path("minimal"), lines);
                } else {
                    collect(e, lines);
                }
            }
        }
        return lines;
    }

    private static void collect(JsonNode n, Set<Long> lines) {
        if (n.isObject() && n.has("invoke-line")) {
            lines.add(n.get("invoke-line").asLong());
        }
        if (n.isContainerNode()) {
            n.forEach(child -> collect(child, lines));
        }
    }

    private static void shade(SvgChart chart, RunData d) {
        for (RunData.Spell s : d.spells) {
            chart.band(s.fromMicros() / 1e6, s.toMicros() / 1e6, SPELL_COLOURS.getOrDefault(s.kind(), INFO),
                    s.label() + " from " + seconds(s.fromMicros()) + " to " + seconds(s.toMicros()));
        }
    }

    private static void latency(StringBuilder h, RunData d, Set<Long> failing) {
        double maxMs = 1;
        for (RunData.Operation o : d.operations) {
            maxMs = Math.max(maxMs, o.latencyMicros() / 1e3);
        }
        SvgChart chart = new SvgChart(260, d.endMicros / 1e6, maxMs * 1.05, "latency (ms)");
        shade(chart, d);
        for (RunData.Operation o : d.operations) {
            if (o.completeMicros() < 0) {
                continue;
            }
            String colour = o.outcome().equals("ok") ? OK : o.outcome().equals("fail") ? FAIL : INFO;
            double x = o.completeMicros() / 1e6;
            double y = o.latencyMicros() / 1e3;
            chart.point(x, y, colour, "op " + o.outcome(), describe(o));
            if (failing.contains(o.invokeLine())) {
                chart.ring(x, y, FAILING, "failing: " + describe(o));
            }
        }
        h.append("<h2>Latency</h2>\n<p class=\"legend\">each client operation at its completion: <b style=\"color:").append(OK)
                .append("\">ok</b>, <b style=\"color:").append(FAIL).append("\">fail</b>, <b style=\"color:").append(INFO)
                .append("\">info</b> (timed out); ringed in red, what a failing check points at; shaded: ")
                .append("<b style=\"color:#3a6ea5\">partitions</b>, <b style=\"color:#d62828\">nodes down</b>, ")
                .append("<b style=\"color:#b8901a\">nodes paused</b></p>\n<div id=\"latency\">").append(chart.svg()).append("</div>\n");
    }

    private static void throughput(StringBuilder h, RunData d) {
        int buckets = 60;
        double width = Math.max(1, d.endMicros) / (double) buckets;
        long[] ok = new long[buckets];
        for (RunData.Operation o : d.operations) {
            if (o.completeMicros() >= 0 && o.outcome().equals("ok")) {
                ok[(int) Math.min(buckets - 1, o.completeMicros() / width)]++;
            }
        }
        double max = 1;
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < buckets; i++) {
            double perSecond = ok[i] / (width / 1e6);
            max = Math.max(max, perSecond);
            points.add(new double[] {(i + 0.5) * width / 1e6, perSecond});
        }
        SvgChart chart = new SvgChart(200, d.endMicros / 1e6, max * 1.1, "ok ops / s");
        shade(chart, d);
        chart.line(points, OK, "operations completed ok per second");
        h.append("<h2>Throughput</h2>\n<div id=\"throughput\">").append(chart.svg()).append("</div>\n");
    }

    private static void charge(StringBuilder h, RunData d) {
        if (d.charge.isEmpty()) {
            return;
        }
        SvgChart chart = new SvgChart(220, d.endMicros / 1e6, 100, "charge (%)");
        shade(chart, d);
        StringBuilder legend = new StringBuilder();
        int i = 0;
        for (Map.Entry<String, List<RunData.Charge>> e : d.charge.entrySet()) {
            String colour = NODE_COLOURS[i++ % NODE_COLOURS.length];
            List<double[]> points = new ArrayList<>();
            for (RunData.Charge c : e.getValue()) {
                points.add(new double[] {c.micros() / 1e6, c.soc() * 100});
            }
            chart.line(points, colour, e.getKey());
            legend.append("<b style=\"color:").append(colour).append("\">").append(Html.escape(e.getKey())).append("</b> ");
        }
        h.append("<h2>Energy</h2>\n<p class=\"legend\">state of charge per node: ").append(legend)
                .append("</p>\n<div id=\"energy\">").append(chart.svg()).append("</div>\n");
    }

    private static void failingOperations(StringBuilder h, RunData d, Set<Long> failing) {
        if (failing.isEmpty()) {
            return;
        }
        h.append("<h2>Failing operations</h2>\n<table id=\"failing\"><tr><th>history line</th><th>process</th><th>node</th>"
                + "<th>operation</th><th>outcome</th><th>invoked</th><th>completed</th></tr>\n");
        int shown = 0;
        for (long line : failing) {
            for (RunData.Operation o : d.operations) {
                if (o.invokeLine() == line && shown++ < 50) {
                    h.append("<tr><td>").append(line).append("</td><td>").append(o.process()).append("</td><td>")
                            .append(Html.escape(o.node())).append("</td><td>").append(Html.escape(o.f() + " " + o.value()))
                            .append("</td><td>").append(Html.escape(o.outcome() + " " + o.result())).append("</td><td>")
                            .append(seconds(o.invokeMicros())).append("</td><td>")
                            .append(o.completeMicros() < 0 ? "never" : seconds(o.completeMicros())).append("</td></tr>\n");
                }
            }
        }
        h.append("</table>\n");
    }

    private static String describe(RunData.Operation o) {
        return "process " + o.process() + " " + o.f() + " " + o.value() + " -> " + o.outcome() + " " + o.result() + " at "
                + o.node() + ", " + seconds(o.invokeMicros()) + " to " + seconds(o.completeMicros()) + " (history line "
                + o.invokeLine() + ")";
    }

    private static String seconds(long micros) {
        return String.format(Locale.ROOT, "%.3f s", micros / 1e6);
    }

    private static final String CSS = """
            body { font-family: sans-serif; margin: 24px; color: #222; max-width: 960px; }
            h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 28px; }
            table { border-collapse: collapse; font-size: 13px; }
            td, th { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
            .verdict.pass { color: #2a9d5c; font-weight: bold; }
            .verdict.fail { color: #d62828; font-weight: bold; }
            .verdict.unknown { color: #8a8a8a; font-weight: bold; }
            .legend { font-size: 12px; color: #555; }
            code { background: #f4f4f4; padding: 1px 4px; }
            """;
}
