package io.mycel.viz.replay;

import java.util.List;
import java.util.Map;

/**
 * Where the topology places the run's nodes, in a unit square (x right, y down): by the scenario's
 * coordinates where it gives them, and by a force layout of who talked to whom for the rest, or
 * on a circle.
 *
 * <p>The force layout is Fruchterman and Reingold's: every pair of nodes repels, every pair that
 * exchanged messages attracts with a weight growing with the logarithm of their traffic, and a
 * falling temperature bounds each step; a weak gravity holds nodes to the middle. It starts from the circle and uses no randomness, so a
 * run is always laid out the same way. Nodes the scenario placed are pinned there (scaled into the
 * square, north up) and the others settle around them: a hub ends in the middle of its leaves.
 */
final class NodeLayout {

    /** Past this many nodes the force layout (quadratic per step) is not tried: a circle is drawn. */
    static final int MAX_FORCE_NODES = 400;
    private static final int STEPS = 300;
    /** Pull of each free node to the middle, per unit of distance: a lone node settles about 1/sqrt(GRAVITY) out. */
    private static final double GRAVITY = 1.0;
    /** The margin kept free around a layout scaled into the square. */
    private static final double MARGIN = 0.05;

    private NodeLayout() {
    }

    /** Node {@code i} of {@code n} on a circle, the first at the top, going clockwise. */
    static double[][] circle(int n) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / Math.max(1, n) - Math.PI / 2;
            out[i] = new double[] {0.5 + 0.5 * Math.cos(a), 0.5 + 0.5 * Math.sin(a)};
        }
        return out;
    }

    /**
     * The nodes placed by the scenario's {@code positions} (by name; x east, y north) and, for
     * those it leaves out, by the force layout over {@code traffic} (messages between each pair,
     * either way; only the upper triangle is read).
     */
    static double[][] placed(List<String> nodes, Map<String, double[]> positions, long[][] traffic) {
        int n = nodes.size();
        double[][] pinned = new double[n][];
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            double[] p = positions.get(nodes.get(i));
            if (p != null) {
                pinned[i] = p;
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                minY = Math.min(minY, p[1]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        // One scale for both axes keeps the scenario's distances in proportion.
        double span = Math.max(maxX - minX, maxY - minY);
        for (int i = 0; i < n; i++) {
            if (pinned[i] != null) {
                double x = span > 0 ? (pinned[i][0] - minX) / span : 0.5;
                double y = span > 0 ? 1 - (pinned[i][1] - minY) / span : 0.5;   // north up
                pinned[i] = new double[] {x, y};
            }
        }
        return fit(force(pinned, traffic));
    }

    /** The force layout: pinned nodes (non-null entries) stay, the rest move. */
    static double[][] force(double[][] pinned, long[][] traffic) {
        int n = pinned.length;
        double[][] at = circle(n);
        boolean anyFree = false;
        for (int i = 0; i < n; i++) {
            if (pinned[i] != null) {
                at[i] = pinned[i].clone();
            } else {
                anyFree = true;
            }
        }
        if (!anyFree || n > MAX_FORCE_NODES) {
            return at;
        }
        double[][] weight = weights(traffic, n);
        double k = Math.sqrt(1.0 / n);   // the ideal distance between neighbours in the unit square
        double[][] push = new double[n][2];
        for (int step = 0; step < STEPS; step++) {
            double temperature = 0.1 * (1 - step / (double) STEPS);
            for (double[] d : push) {
                d[0] = 0;
                d[1] = 0;
            }
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double dx = at[i][0] - at[j][0];
                    double dy = at[i][1] - at[j][1];
                    double d = Math.hypot(dx, dy);
                    if (d < 1e-9) {
                        // Two nodes on one spot: part them along a direction fixed by their indexes.
                        dx = 1e-3 * Math.cos(i + 7.0 * j);
                        dy = 1e-3 * Math.sin(i + 7.0 * j);
                        d = Math.hypot(dx, dy);
                    }
                    double f = k * k / d - weight[i][j] * d * d / k;
                    push[i][0] += dx / d * f;
                    push[i][1] += dy / d * f;
                    push[j][0] -= dx / d * f;
                    push[j][1] -= dy / d * f;
                }
            }
            for (int i = 0; i < n; i++) {
                if (pinned[i] != null) {
                    continue;
                }
                // Gravity to the middle keeps a node that talked to no one from drifting off.
                push[i][0] += GRAVITY * (0.5 - at[i][0]);
                push[i][1] += GRAVITY * (0.5 - at[i][1]);
                double length = Math.hypot(push[i][0], push[i][1]);
                if (length > 0) {
                    double move = Math.min(length, temperature);
                    at[i][0] += push[i][0] / length * move;
                    at[i][1] += push[i][1] / length * move;
                }
            }
        }
        return at;
    }

    /** Each pair's pull, from 0 (never talked) to 1 (the busiest pair): log-scaled so a chatty pair does not collapse. */
    private static double[][] weights(long[][] traffic, int n) {
        double[][] w = new double[n][n];
        double most = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                most = Math.max(most, Math.log1p(traffic[i][j]));
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                w[i][j] = most == 0 ? 0 : Math.log1p(traffic[i][j]) / most;
            }
        }
        return w;
    }

    /** The layout scaled and centred into the unit square less its margin, its proportions kept. */
    static double[][] fit(double[][] at) {
        int n = at.length;
        if (n == 0) {
            return at;
        }
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (double[] p : at) {
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        double span = Math.max(maxX - minX, maxY - minY);
        double scale = span > 0 ? (1 - 2 * MARGIN) / span : 0;
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new double[] {0.5 + (at[i][0] - (minX + maxX) / 2) * scale, 0.5 + (at[i][1] - (minY + maxY) / 2) * scale};
        }
        return out;
    }
}
