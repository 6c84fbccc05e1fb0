package io.mycel.node.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.SeededRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Presence tables: their order makes keeping the newest per origin a join, and their codec holds. */
class PresenceTableTest {

    private static PresenceTable draw(SeededRandom r) {
        TreeMap<String, String> entries = new TreeMap<>();
        int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            entries.put("u" + r.nextInt(20), "m" + r.nextInt(50));
        }
        long version = r.nextLong(0, 5);
        return new PresenceTable(r.nextLong(1, 4), version, version + r.nextLong(0, 3), entries);
    }

    /** Keeps the newest of the tables in the order given, as a receiver does. */
    private static PresenceTable newest(List<PresenceTable> tables) {
        PresenceTable kept = PresenceTable.EMPTY;
        for (PresenceTable t : tables) {
            if (!kept.newerThan(t)) {
                kept = t;
            }
        }
        return kept;
    }

    @Test
    void receiversConvergeWhateverTheOrderAndDuplicationOfTables() {
        for (long seed = 0; seed < 300; seed++) {
            SeededRandom r = new SeededRandom(seed);
            List<PresenceTable> tables = new ArrayList<>();
            // An origin writes versions in order within an epoch; each (epoch, version) has one table.
            TreeMap<String, PresenceTable> byStamp = new TreeMap<>();
            for (int i = 0; i < 8; i++) {
                PresenceTable t = draw(r);
                byStamp.putIfAbsent(t.epoch() + "/" + t.version(), t);
            }
            tables.addAll(byStamp.values());
            tables.addAll(byStamp.values());   // duplicates
            PresenceTable expected = newest(tables);
            for (int shuffle = 0; shuffle < 5; shuffle++) {
                List<PresenceTable> order = new ArrayList<>(tables);
                SeededRandom shuffler = new SeededRandom(seed * 31 + shuffle);
                for (int i = order.size() - 1; i > 0; i--) {
                    Collections.swap(order, i, shuffler.nextInt(i + 1));
                }
                assertEquals(expected, newest(order), "seed " + seed);
            }
        }
    }

    @Test
    void aNewEpochOutranksEveryVersionOfTheOldOne() {
        PresenceTable old = new PresenceTable(3, 900, 950, new TreeMap<>(java.util.Map.of("u1", "m")));
        PresenceTable restarted = new PresenceTable(4, 0, 1, new TreeMap<>());
        assertTrue(restarted.newerThan(old));
        assertFalse(old.newerThan(restarted));
        assertFalse(old.newerThan(old));
    }

    @Test
    void tablesRoundTripAndDamagedOnesAreRejected() throws Exception {
        for (long seed = 0; seed < 200; seed++) {
            PresenceTable t = draw(new SeededRandom(seed));
            byte[] bytes = t.encode();
            assertEquals(t, PresenceTable.decode(bytes), "seed " + seed);
            for (int cut = 0; cut < bytes.length; cut++) {
                byte[] shorter = Arrays.copyOf(bytes, cut);
                assertThrows(MalformedMessageException.class, () -> PresenceTable.decode(shorter), "seed " + seed + " cut " + cut);
            }
            byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
            assertThrows(MalformedMessageException.class, () -> PresenceTable.decode(longer), "seed " + seed);
        }
    }
}
