package io.mycel.node.session;

import io.mycel.node.api.DurableStore;
import io.mycel.node.api.NodeId;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last request each client had applied at this node, so a request the network delivers twice
 * (or a client sends again) is acknowledged again but applied once. Clients keep one request open
 * at a time with increasing ids, so one number per client is enough. The
 * {@value #MAX_CLIENTS} clients heard from most recently are remembered.
 *
 * <p>Durable sessions are written under a storage prefix next to the state they protect, and the
 * caller syncs them with it; a program whose state is volatile (presence) keeps them in memory.
 */
public final class ClientSessions {

    /** Clients remembered; the least recently heard is forgotten first. */
    public static final int MAX_CLIENTS = 10_000;

    /** The storage key prefix, or null for sessions kept in memory only. */
    private final String prefix;
    /** In access order, so the least recently heard client is forgotten first (and no hash order shows). */
    private final LinkedHashMap<NodeId, Long> lastApplied = new LinkedHashMap<>(16, 0.75f, true);

    private ClientSessions(String prefix) {
        this.prefix = prefix;
    }

    /** Sessions written to storage under {@code prefix}; call {@link #load} at start. */
    public static ClientSessions durable(String prefix) {
        return new ClientSessions(prefix);
    }

    /** Sessions that a crash forgets, with the volatile state they protect. */
    public static ClientSessions inMemory() {
        return new ClientSessions(null);
    }

    /** Takes back the sessions a previous incarnation synced. */
    public void load(DurableStore storage) {
        for (String key : storage.keys().subSet(prefix, prefix + Character.MAX_VALUE)) {
            lastApplied.put(NodeId.of(key.substring(prefix.length())), ByteBuffer.wrap(storage.get(key)).getLong());
        }
    }

    public boolean alreadyApplied(NodeId client, long requestId) {
        Long last = lastApplied.get(client);
        return last != null && requestId <= last;
    }

    /** Records the request (written, not synced, when durable: the caller syncs it with the state). */
    public void applied(DurableStore storage, NodeId client, long requestId) {
        lastApplied.put(client, requestId);
        if (prefix != null) {
            storage.put(prefix + client.name(), ByteBuffer.allocate(Long.BYTES).putLong(requestId).array());
        }
        if (lastApplied.size() > MAX_CLIENTS) {
            Map.Entry<NodeId, Long> eldest = lastApplied.entrySet().iterator().next();
            lastApplied.remove(eldest.getKey());
            if (prefix != null) {
                storage.delete(prefix + eldest.getKey().name());
            }
        }
    }
}
