package io.mycel.viz.report;

import java.util.List;
import java.util.Locale;

/**
 * A small time chart drawn as inline SVG: virtual seconds across, one quantity up, with shaded bands
 * for spells of faults, points with a hover title, and lines. Enough for a report that must open
 * without a network, so no plotting library is fetched.
 */
final class SvgChart {

    static final int WIDTH = 900;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 14;
    private static final int BOTTOM = 30;

    private final StringBuilder body = new StringBuilder();
    private final int height;
    private final double xMax;
    private final double yMax;
    private final String yLabel;

    SvgChart(int height, double xMaxSeconds, double yMax, String yLabel) {
        this.height = height;
        this.xMax = Math.max(xMaxSeconds, 1e-6);
        this.yMax = Math.max(yMax, 1e-9);
        this.yLabel = yLabel;
    }

    double x(double seconds) {
        return LEFT + (WIDTH - LEFT - RIGHT) * Math.min(seconds, xMax) / xMax;
    }

    double y(double value) {
        return TOP + (height - TOP - BOTTOM) * (1 - Math.min(value, yMax) / yMax);
    }

    void band(double fromSeconds, double toSeconds, String colour, String title) {
        double x0 = x(fromSeconds);
        double w = Math.max(1, x(toSeconds) - x0);
        body.append(String.format(Locale.ROOT,
                "<rect class=\"spell\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\" fill-opacity=\"0.18\">"
                        + "<title>%s</title></rect>%n", x0, TOP, w, height - TOP - BOTTOM, colour, Html.escape(title)));
    }

    void point(double seconds, double value, String colour, String cssClass, String title) {
        body.append(String.format(Locale.ROOT, "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.2\" fill=\"%s\"><title>%s</title></circle>%n",
                cssClass, x(seconds), y(value), colour, Html.escape(title)));
    }

    void ring(double seconds, double value, String colour, String title) {
        body.append(String.format(Locale.ROOT, "<circle class=\"failing\" cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"none\" stroke=\"%s\" "
                + "stroke-width=\"2\"><title>%s</title></circle>%n", x(seconds), y(value), colour, Html.escape(title)));
    }

    void line(List<double[]> points, String colour, String title) {
        if (points.isEmpty()) {
            return;
        }
        StringBuilder p = new StringBuilder();
        for (double[] xy : points) {
            p.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(xy[0]), y(xy[1])));
        }
        body.append("<polyline class=\"series\" fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\" points=\"")
                .append(p.toString().trim()).append("\"><title>").append(Html.escape(title)).append("</title></polyline>\n");
    }

    String svg() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">%n",
                WIDTH, height, WIDTH, height));
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fff\" stroke=\"#bbb\"/>%n",
                LEFT, TOP, WIDTH - LEFT - RIGHT, height - TOP - BOTTOM));
        for (int i = 0; i <= 5; i++) {
            double xs = xMax * i / 5;
            double yv = yMax * i / 5;
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s s</text>%n",
                    x(xs), height - BOTTOM + 14, number(xs)));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 6, y(yv) + 3, number(yv)));
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>%n",
                    LEFT, WIDTH - RIGHT, y(yv), y(yv)));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%d\" font-size=\"11\" transform=\"rotate(-90 12 %d)\" "
                + "text-anchor=\"middle\">%s</text>%n", height / 2, height / 2, Html.escape(yLabel)));
        s.append(body);
        s.append("</svg>\n");
        return s.toString();
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.0f" : "%.2f", v);
    }
}
