package io.mycel.node.dht;

import io.mycel.node.api.NodeId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The provider records a node holds for others: for each service key, who provides it and until
 * when (this node's clock). Records are soft state, kept in memory only: a provider republishes
 * before they expire, so a holder that restarts empty is filled again within one republish round.
 * Bounded: at most {@link DhtLimits#MAX_KEYS} keys and {@link DhtLimits#MAX_PROVIDERS} providers a key.
 */
final class ProviderRecords {

    private final TreeMap<Long, TreeMap<NodeId, Long>> byKey = new TreeMap<>();
    private final long ttlMicros;

    ProviderRecords(long ttlMicros) {
        this.ttlMicros = ttlMicros;
    }

    /** Records that {@code provider} provides {@code key} from {@code now}; false when refused for room. */
    boolean put(long key, NodeId provider, long nowMicros) {
        TreeMap<NodeId, Long> providers = byKey.get(key);
        if (providers == null) {
            if (byKey.size() >= DhtLimits.MAX_KEYS) {
                return false;
            }
            providers = new TreeMap<>();
            byKey.put(key, providers);
        }
        if (!providers.containsKey(provider) && providers.size() >= DhtLimits.MAX_PROVIDERS) {
            providers.remove(stalest(providers));
        }
        providers.put(provider, nowMicros + ttlMicros);
        return true;
    }

    private static NodeId stalest(TreeMap<NodeId, Long> providers) {
        NodeId stalest = null;
        long earliest = Long.MAX_VALUE;
        for (Map.Entry<NodeId, Long> e : providers.entrySet()) {
            if (e.getValue() < earliest) {
                earliest = e.getValue();
                stalest = e.getKey();
            }
        }
        return stalest;
    }

    /** The providers of {@code key} whose records have not expired, in name order. */
    List<NodeId> providers(long key, long nowMicros) {
        TreeMap<NodeId, Long> providers = byKey.get(key);
        List<NodeId> out = new ArrayList<>();
        if (providers != null) {
            for (Map.Entry<NodeId, Long> e : providers.entrySet()) {
                if (e.getValue() > nowMicros) {
                    out.add(e.getKey());
                }
            }
        }
        return out;
    }

    /** Drops every expired record. */
    void expire(long nowMicros) {
        for (Iterator<TreeMap<NodeId, Long>> keys = byKey.values().iterator(); keys.hasNext(); ) {
            TreeMap<NodeId, Long> providers = keys.next();
            providers.values().removeIf(expiry -> expiry <= nowMicros);
            if (providers.isEmpty()) {
                keys.remove();
            }
        }
    }

    int keys() {
        return byKey.size();
    }
}
