package io.mycel.node.runtime;

import io.mycel.node.api.DurableStore;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A store for endpoints that keep nothing across runs, such as the harness's workload clients:
 * it lives in memory and its sync does nothing, since the process never restarts.
 */
public final class VolatileStore implements DurableStore {

    private final TreeMap<String, byte[]> values = new TreeMap<>();

    @Override
    public byte[] get(String key) {
        byte[] value = values.get(key);
        return value == null ? null : value.clone();
    }

    @Override
    public void put(String key, byte[] value) {
        values.put(key, value.clone());
    }

    @Override
    public void delete(String key) {
        values.remove(key);
    }

    @Override
    public SortedSet<String> keys() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(values.keySet()));
    }

    @Override
    public void sync() {
        // nothing to make durable: the endpoint does not outlive its process
    }
}
