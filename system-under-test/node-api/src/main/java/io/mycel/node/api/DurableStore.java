package io.mycel.node.api;

import java.util.SortedSet;

/**
 * A node's key-value storage that survives crashes only as far as it was synced.
 *
 * <p>Writes are visible to reads at once, but a crash loses every write since the last
 * {@link #sync()}, exactly as a page cache does without fsync. Keys iterate in sorted order.
 */
public interface DurableStore {

    /** The value, or null when absent; sees unsynced writes. */
    byte[] get(String key);

    void put(String key, byte[] value);

    void delete(String key);

    /** The keys present now (synced or not), sorted. */
    SortedSet<String> keys();

    /** Makes every write so far durable. */
    void sync();
}
