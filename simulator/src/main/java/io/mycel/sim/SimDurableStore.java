package io.mycel.sim;

import io.mycel.node.api.DurableStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A durable store with page-cache semantics: {@code durable} is what survived the last sync,
 * {@code current} is what reads see, and {@code unsynced} lists the writes in between in order.
 * A sync costs the writes since the last one; a crash rebuilds {@code current} from
 * {@code durable}, losing {@code unsynced}.
 */
final class SimDurableStore implements DurableStore {

    /** A write not yet synced; a null value is a delete. */
    private record Write(String key, byte[] value) {
    }

    private final TreeMap<String, byte[]> durable = new TreeMap<>();
    private TreeMap<String, byte[]> current = new TreeMap<>();
    private final List<Write> unsynced = new ArrayList<>();

    @Override
    public byte[] get(String key) {
        byte[] value = current.get(key);
        return value == null ? null : value.clone();
    }

    @Override
    public void put(String key, byte[] value) {
        // Values are copied on the way in and out, so the maps may share arrays safely.
        byte[] copy = value.clone();
        current.put(key, copy);
        unsynced.add(new Write(key, copy));
    }

    @Override
    public void delete(String key) {
        if (current.remove(key) != null) {
            unsynced.add(new Write(key, null));
        }
    }

    @Override
    public SortedSet<String> keys() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(current.keySet()));
    }

    @Override
    public void sync() {
        for (Write write : unsynced) {
            if (write.value() == null) {
                durable.remove(write.key());
            } else {
                durable.put(write.key(), write.value());
            }
        }
        unsynced.clear();
    }

    /** Loses every write since the last sync; returns how many were lost. */
    int crash() {
        int lost = unsynced.size();
        unsynced.clear();
        current = new TreeMap<>(durable);
        return lost;
    }
}
