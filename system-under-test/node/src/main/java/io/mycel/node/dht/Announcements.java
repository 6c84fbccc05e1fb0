package io.mycel.node.dht;

import io.mycel.node.api.NodeContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;

/**
 * The services a node provides, kept in its durable store so that a node that restarts republishes
 * them without being told again: one name a line under {@value #KEY}.
 */
final class Announcements {

    static final String KEY = "dht.announced";

    private final TreeSet<String> services = new TreeSet<>();

    void load(NodeContext ctx) {
        services.clear();
        byte[] stored = ctx.storage().get(KEY);
        if (stored != null && stored.length > 0) {
            services.addAll(List.of(new String(stored, StandardCharsets.UTF_8).split("\n")));
        }
    }

    /** Adds the service and syncs the list; false when the node announces as many as it may. */
    boolean add(NodeContext ctx, String service) {
        if (services.contains(service)) {
            return true;
        }
        if (services.size() >= DhtLimits.MAX_ANNOUNCED) {
            return false;
        }
        services.add(service);
        ctx.storage().put(KEY, String.join("\n", services).getBytes(StandardCharsets.UTF_8));
        ctx.storage().sync();
        return true;
    }

    List<String> services() {
        return List.copyOf(services);
    }
}
