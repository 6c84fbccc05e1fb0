package io.mycel.node.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.SeededRandom;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDurableStoreTest {

    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void whatWasSyncedSurvivesAndWhatWasNotIsLost() {
        try (FileDurableStore store = FileDurableStore.open(dir)) {
            store.put("a", bytes("1"));
            store.put("b", bytes("2"));
            store.sync();
            store.put("a", bytes("changed"));
            store.delete("b");
            store.put("c", bytes("3"));
            assertArrayEquals(bytes("changed"), store.get("a"), "reads see unsynced writes");
            // no sync: closing now is a crash as far as the store can tell
        }
        try (FileDurableStore store = FileDurableStore.open(dir)) {
            assertArrayEquals(bytes("1"), store.get("a"));
            assertArrayEquals(bytes("2"), store.get("b"));
            assertNull(store.get("c"));
            assertEquals(0, store.tornBytesDropped());
        }
    }

    @Test
    void aTornTailCostsOnlyTheBatchBeingWritten() throws IOException {
        try (FileDurableStore store = FileDurableStore.open(dir)) {
            store.put("kept", bytes("yes"));
            store.sync();
            store.put("torn", bytes("half-written"));
            store.sync();
        }
        Path log = dir.resolve(FileDurableStore.LOG_FILE);
        long size = Files.size(log);
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            channel.truncate(size - 3);   // the power went during the second sync
        }
        try (FileDurableStore store = FileDurableStore.open(dir)) {
            assertArrayEquals(bytes("yes"), store.get("kept"));
            assertNull(store.get("torn"));
            assertTrue(store.tornBytesDropped() > 0);
            store.put("after", bytes("ok"));
            store.sync();
        }
        try (FileDurableStore store = FileDurableStore.open(dir)) {
            assertArrayEquals(bytes("ok"), store.get("after"), "writing after a cut tail appends to the good prefix");
            assertEquals(0, store.tornBytesDropped());
        }
    }

    @Test
    void aCorruptRecordEndsRecoveryThere() throws IOException {
        try (FileDurableStore store = FileDurableStore.open(dir)) {
            store.put("first", bytes("1"));
            store.sync();
            store.put("second", bytes("2"));
            store.sync();
        }
        Path log = dir.resolve(FileDurableStore.LOG_FILE);
        byte[] all = Files.readAllBytes(log);
        all[all.length - 1] ^= 0x40;   // a flipped bit in the last record's value
        Files.write(log, all);
        try (FileDurableStore store = FileDurableStore.open(dir)) {
            assertArrayEquals(bytes("1"), store.get("first"));
            assertNull(store.get("second"));
        }
    }

    @Test
    void groupCommitMakesRequestedSyncsDurableWithOneFsyncAndNothingMore() {
        FileDurableStore store = FileDurableStore.open(dir);
        int[] requests = {0};
        store.deferSyncs(() -> requests[0]++);
        store.put("a", bytes("1"));
        store.sync();
        store.put("b", bytes("2"));
        store.sync();
        store.put("c", bytes("3"));   // written after the last sync request
        assertEquals(1, requests[0], "the host hears of a batch once");
        // A kill before the commit: a fresh open sees none of it.
        try (FileDurableStore crashed = FileDurableStore.open(dir)) {
            assertNull(crashed.get("a"));
        }
        store.commit();
        assertEquals(1, store.syncs(), "one fsync for the two requests");
        store.sync();
        assertEquals(2, requests[0], "a new batch is announced again");
        try (FileDurableStore after = FileDurableStore.open(dir)) {
            assertArrayEquals(bytes("1"), after.get("a"));
            assertArrayEquals(bytes("2"), after.get("b"));
            assertNull(after.get("c"), "a write after the last requested sync is not made durable by the commit");
        }
        store.close();
    }

    /** Many seeded rounds of writes, syncs and reopenings, compactions included, against a model. */
    @Test
    void agreesWithAModelOverManySeeds() {
        long compactions = 0;
        for (long seed = 1; seed <= 8; seed++) {
            Path here = dir.resolve("seed-" + seed);
            SeededRandom random = new SeededRandom(seed);
            TreeMap<String, String> synced = new TreeMap<>();
            TreeMap<String, String> current = new TreeMap<>();
            FileDurableStore store = FileDurableStore.open(here, 32 << 10);
            for (int step = 0; step < 1_500; step++) {
                int choice = random.nextInt(100);
                String key = "k" + random.nextInt(40);
                if (choice < 55) {
                    // values big enough that the log outgrows the live data and compacts
                    String value = key + ":" + step + "x".repeat(random.nextInt(2_000));
                    store.put(key, bytes(value));
                    current.put(key, value);
                } else if (choice < 75) {
                    store.delete(key);
                    current.remove(key);
                } else if (choice < 93) {
                    store.sync();
                    synced = new TreeMap<>(current);
                } else {
                    compactions += store.compactions();
                    store.close();   // a crash: unsynced writes are gone
                    store = FileDurableStore.open(here, 32 << 10);
                    current = new TreeMap<>(synced);
                }
                String probe = "k" + random.nextInt(40);
                String expected = current.get(probe);
                byte[] actual = store.get(probe);
                assertEquals(expected, actual == null ? null : new String(actual, StandardCharsets.UTF_8),
                        "seed " + seed + " step " + step + " key " + probe);
            }
            assertEquals(current.keySet(), store.keys(), "seed " + seed);
            compactions += store.compactions();
            store.close();
        }
        assertTrue(compactions > 0, "the rounds compacted the log at least once");
    }
}
