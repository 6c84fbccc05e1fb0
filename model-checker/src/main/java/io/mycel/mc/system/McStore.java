package io.mycel.mc.system;

import io.mycel.node.api.DurableStore;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A node's durable store with page-cache semantics, as in the simulator: reads see every write, a
 * crash keeps only what the last sync made durable.
 */
final class McStore implements DurableStore {

    private TreeMap<String, byte[]> durable = new TreeMap<>();
    private TreeMap<String, byte[]> current = new TreeMap<>();

    @Override
    public byte[] get(String key) {
        byte[] value = current.get(key);
        return value == null ? null : value.clone();
    }

    @Override
    public void put(String key, byte[] value) {
        current.put(key, value.clone());
    }

    @Override
    public void delete(String key) {
        current.remove(key);
    }

    @Override
    public SortedSet<String> keys() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(current.keySet()));
    }

    @Override
    public void sync() {
        // Values are never changed in place (copied in and out), so the maps may share them.
        durable = new TreeMap<>(current);
    }

    void crash() {
        current = new TreeMap<>(durable);
    }
}
