package io.mycel.node.pubsub;

import io.mycel.node.pubsub.MqttPacket.Subscription;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which client subscribed to which filter, indexed for publishing: filters without wildcards are
 * found by the topic itself, the others are tried one by one. A publish reaches each matching client
 * once, at the highest QoS of its matching subscriptions (as MQTT asks when a client's filters
 * overlap); {@code noLocal} holds only if every matching subscription asked for it.
 */
final class SubscriptionTable {

    /** Filters with no wildcard, looked up by topic only (so the hash order never shows). */
    private final Map<String, TreeMap<String, Subscription>> exact = new HashMap<>();
    /** Filters with a wildcard, in filter order. */
    private final TreeMap<String, TreeMap<String, Subscription>> wildcard = new TreeMap<>();

    void add(String clientId, Subscription subscription) {
        String filter = subscription.filter();
        Map<String, TreeMap<String, Subscription>> index = wild(filter) ? wildcard : exact;
        index.computeIfAbsent(filter, f -> new TreeMap<>()).put(clientId, subscription);
    }

    void remove(String clientId, String filter) {
        Map<String, TreeMap<String, Subscription>> index = wild(filter) ? wildcard : exact;
        TreeMap<String, Subscription> clients = index.get(filter);
        if (clients != null && clients.remove(clientId) != null && clients.isEmpty()) {
            index.remove(filter);
        }
    }

    /** Each client with a subscription matching {@code topic}, with the subscription that decides how it gets it. */
    TreeMap<String, Subscription> matching(String topic) {
        TreeMap<String, Subscription> out = new TreeMap<>();
        TreeMap<String, Subscription> direct = exact.get(topic);
        if (direct != null) {
            direct.forEach((client, sub) -> merge(out, client, sub));
        }
        for (Map.Entry<String, TreeMap<String, Subscription>> e : wildcard.entrySet()) {
            if (Topics.matches(e.getKey(), topic)) {
                e.getValue().forEach((client, sub) -> merge(out, client, sub));
            }
        }
        return out;
    }

    /** Every filter subscribed here, with the highest QoS any client asked for it: what peers need to know. */
    TreeMap<String, Integer> filtersWithQos() {
        TreeMap<String, Integer> out = new TreeMap<>();
        for (Map<String, TreeMap<String, Subscription>> index : List.of(exact, wildcard)) {
            index.forEach((filter, clients) -> {
                int qos = 0;
                for (Subscription s : clients.values()) {
                    qos = Math.max(qos, s.qos());
                }
                out.put(filter, qos);
            });
        }
        return out;
    }

    int filters() {
        return exact.size() + wildcard.size();
    }

    private static void merge(TreeMap<String, Subscription> out, String client, Subscription sub) {
        out.merge(client, sub, (a, b) -> new Subscription(a.filter(), Math.max(a.qos(), b.qos()), a.noLocal() && b.noLocal(),
                a.retainAsPublished() || b.retainAsPublished(), a.retainHandling()));
    }

    private static boolean wild(String filter) {
        return filter.indexOf('+') >= 0 || filter.indexOf('#') >= 0;
    }
}
