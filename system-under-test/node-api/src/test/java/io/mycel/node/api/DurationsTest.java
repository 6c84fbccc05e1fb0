package io.mycel.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parsesEveryUnit() {
        assertEquals(250, Durations.parseMicros("250us"));
        assertEquals(5_000, Durations.parseMicros("5ms"));
        assertEquals(1_500_000, Durations.parseMicros("1.5s"));
        assertEquals(120_000_000, Durations.parseMicros("2m"));
        assertEquals(3_600_000_000L, Durations.parseMicros("1h"));
        assertEquals(0, Durations.parseMicros("0"));
    }

    @Test
    void rejectsMissingUnitsNegativesAndNonsense() {
        for (String bad : new String[] {"5", "-1s", "fast", "1.5", "ms", "1e3x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parseMicros(bad), bad);
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void formatThenParseIsIdentity() {
        SeededRandom r = new SeededRandom(1);
        for (int i = 0; i < 2000; i++) {
            long micros = switch (i % 3) {
                case 0 -> r.nextLong(0, 5_000);
                case 1 -> r.nextLong(0, 5_000) * 1_000;
                default -> r.nextLong(0, 5_000) * 100_000;
            };
            assertEquals(micros, Durations.parseMicros(Durations.format(micros)), Durations.format(micros));
        }
    }
}
