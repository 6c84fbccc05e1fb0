package io.mycel.viz.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The topology's layouts, without a window: what the force layout makes of traffic, and pinned nodes. */
class NodeLayoutTest {

    private static List<String> names(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            names.add("n" + i);
        }
        return names;
    }

    private static double distance(double[] a, double[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }

    @Test
    void aHubEndsInTheMiddleOfItsLeaves() {
        int n = 7;
        long[][] traffic = new long[n][n];
        for (int leaf = 1; leaf < n; leaf++) {
            traffic[0][leaf] = 500 + 37L * leaf;   // only the hub talks to the leaves
        }
        double[][] at = NodeLayout.placed(names(n), Map.of(), traffic);
        double[] middle = {0, 0};
        for (double[] p : at) {
            middle[0] += p[0] / n;
            middle[1] += p[1] / n;
        }
        double hubOff = distance(at[0], middle);
        double nearest = Double.MAX_VALUE;
        double farthest = 0;
        for (int leaf = 1; leaf < n; leaf++) {
            assertTrue(distance(at[leaf], middle) > 3 * hubOff, "leaf " + leaf + " is farther out than the hub");
            nearest = Math.min(nearest, distance(at[0], at[leaf]));
            farthest = Math.max(farthest, distance(at[0], at[leaf]));
        }
        assertTrue(farthest < 1.3 * nearest, "leaves about equally far from the hub: " + nearest + ".." + farthest);
    }

    @Test
    void anyTrafficGivesDistinctPlacesInsideTheSquareTheSameWayEachTime() {
        SplittableRandom random = new SplittableRandom(20261202);
        for (int round = 0; round < 60; round++) {
            int n = 2 + random.nextInt(40);
            long[][] traffic = new long[n][n];
            double density = random.nextDouble();
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    traffic[i][j] = random.nextDouble() < density ? random.nextInt(10_000) : 0;
                }
            }
            double[][] at = NodeLayout.placed(names(n), Map.of(), traffic);
            double closest = Double.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                assertTrue(at[i][0] >= 0 && at[i][0] <= 1 && at[i][1] >= 0 && at[i][1] <= 1, "round " + round);
                for (int j = i + 1; j < n; j++) {
                    closest = Math.min(closest, distance(at[i], at[j]));
                }
            }
            // Nodes are drawn up to 18 px wide on a canvas some 300 px across: 0.015 of it keeps them apart.
            assertTrue(closest > 0.015 * Math.min(1, 12.0 / n), "round " + round + ": " + n + " nodes, closest " + closest);
            double[][] again = NodeLayout.placed(names(n), Map.of(), traffic);
            for (int i = 0; i < n; i++) {
                assertArrayEquals(at[i], again[i], "round " + round);
            }
        }
    }

    @Test
    void placedNodesKeepTheirProportionsAndTheOthersFindRoomNearTheirPeers() {
        long[][] traffic = new long[4][4];
        traffic[0][3] = 100;   // n4, not placed, talks to n1 only
        double[][] at = NodeLayout.placed(names(4), Map.of("n1", new double[] {0, 0}, "n2", new double[] {300, 0},
                "n3", new double[] {0, 400}), traffic);
        assertEquals(300.0 / 400.0, distance(at[0], at[1]) / distance(at[0], at[2]), 1e-9);
        assertTrue(at[2][1] < at[0][1], "north is up");
        assertTrue(distance(at[3], at[0]) < distance(at[3], at[1]) && distance(at[3], at[0]) < distance(at[3], at[2]),
                "n4 settles nearest n1");
    }
}
