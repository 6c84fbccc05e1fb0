package io.mycel.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeededRandomTest {

    @Test
    void sameSeedGivesSameStream() {
        SeededRandom a = new SeededRandom(7);
        SeededRandom b = new SeededRandom(7);
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
    }

    @Test
    void forkDoesNotConsumeFromTheParentAndDependsOnlyOnName() {
        SeededRandom a = new SeededRandom(7);
        SeededRandom b = new SeededRandom(7);
        a.fork("workload");
        a.fork("network");
        assertEquals(b.nextLong(), a.nextLong(), "forking must not shift the parent's draws");
        assertEquals(new SeededRandom(7).fork("n1").nextLong(), new SeededRandom(7).fork("n1").nextLong());
        assertNotEquals(new SeededRandom(7).fork("n1").nextLong(), new SeededRandom(7).fork("n2").nextLong());
        assertNotEquals(new SeededRandom(7).fork("n1").nextLong(), new SeededRandom(8).fork("n1").nextLong());
    }

    @Test
    void boundedDrawsStayInRangeAndCoverIt() {
        for (long seed = 0; seed < 50; seed++) {
            SeededRandom r = new SeededRandom(seed);
            boolean[] seen = new boolean[10];
            for (int i = 0; i < 1000; i++) {
                int v = r.nextInt(10);
                assertTrue(v >= 0 && v < 10);
                seen[v] = true;
                long w = r.nextLong(-3, 3);
                assertTrue(w >= -3 && w <= 3);
                double d = r.nextDouble();
                assertTrue(d >= 0 && d < 1);
            }
            for (boolean s : seen) {
                assertTrue(s, "seed " + seed + " never drew some value below 10 in 1000 draws");
            }
        }
    }

    @Test
    void meanOfUniformDrawsIsNearOneHalf() {
        SeededRandom r = new SeededRandom(123);
        double sum = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            sum += r.nextDouble();
        }
        assertEquals(0.5, sum / n, 0.005);
    }
}
