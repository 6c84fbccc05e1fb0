package io.mycel.node.store;

import io.mycel.node.api.DurableStore;
import io.mycel.node.api.NodeId;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last update each client had applied here, so an update the network delivers twice (or a
 * client sends again) is acknowledged again but applied once. Clients keep one request open at a
 * time with increasing ids, so one number per client is enough. Kept durably next to the state it
 * protects, written in the same sync.
 */
final class ClientSessions {

    private static final String PREFIX = "store/s/";

    /** In access order, so the least recently heard client is forgotten first. */
    private final LinkedHashMap<NodeId, Long> lastApplied = new LinkedHashMap<>(16, 0.75f, true);

    void load(DurableStore storage) {
        for (String key : storage.keys().subSet(PREFIX, PREFIX + Character.MAX_VALUE)) {
            lastApplied.put(NodeId.of(key.substring(PREFIX.length())), ByteBuffer.wrap(storage.get(key)).getLong());
        }
    }

    boolean alreadyApplied(NodeId client, long requestId) {
        Long last = lastApplied.get(client);
        return last != null && requestId <= last;
    }

    /** Records the update (written, not synced: the caller syncs it with the state). */
    void applied(DurableStore storage, NodeId client, long requestId) {
        lastApplied.put(client, requestId);
        storage.put(PREFIX + client.name(), ByteBuffer.allocate(Long.BYTES).putLong(requestId).array());
        if (lastApplied.size() > StoreLimits.MAX_CLIENT_SESSIONS) {
            Map.Entry<NodeId, Long> eldest = lastApplied.entrySet().iterator().next();
            lastApplied.remove(eldest.getKey());
            storage.delete(PREFIX + eldest.getKey().name());
        }
    }
}
