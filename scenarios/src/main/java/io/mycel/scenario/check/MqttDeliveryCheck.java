package io.mycel.scenario.check;

import io.mycel.check.CheckResult;
import io.mycel.check.Op;
import io.mycel.check.Verdict;
import io.mycel.node.api.NodeId;
import io.mycel.node.pubsub.Topics;
import io.mycel.scenario.run.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code mqtt-delivery: BOUND}, what the mqtt program promises per QoS, judged on the workload's
 * history ({@code publish-qosN}, {@code subscribed}, {@code receive}):
 * <ul>
 *   <li>no QoS 1 or 2 message lost: a publish acknowledged to its client reaches, by the end of the
 *       run, every client whose subscription matched its topic at QoS 1 or 2 and was known to the
 *       publishing broker: acknowledged at least BOUND before the publish, and at least BOUND after
 *       that broker last started (a broker starts knowing no one's filters), with no partition or
 *       cut in that BOUND; unless the publisher's or the subscriber's broker crashed after that (a
 *       broker keeps its sessions and forwards in memory);
 *   <li>no QoS 2 duplicate: no client gets a message it received at QoS 2 twice;
 *   <li>nothing invented: every message received was published.
 * </ul>
 * QoS 0 losses and QoS 1 duplicates are allowed, and counted in the evidence.
 */
public final class MqttDeliveryCheck {

    public static final String NAME = "mqtt-delivery";
    public static final long DEFAULT_BOUND_MICROS = 3_000_000;

    private record Published(String id, String topic, int qos, long atMicros, NodeId node) {
    }

    private record Subscribed(String client, String filter, int qos, long atMicros, NodeId node) {
    }

    private MqttDeliveryCheck() {
    }

    public static CheckResult check(RunRecord run, long boundMicros) {
        Map<String, Published> published = new TreeMap<>();
        Map<String, Long> invokedAt = new TreeMap<>();
        List<Subscribed> subscriptions = new ArrayList<>();
        Map<String, Map<String, Integer>> received = new TreeMap<>();   // client -> message id -> times
        Map<String, Map<String, Integer>> receivedAtQos2 = new TreeMap<>();
        List<String> invented = new ArrayList<>();
        List<Op> receives = new ArrayList<>();
        for (Op op : run.history().ops()) {
            if (op.f().startsWith("publish-qos")) {
                List<?> v = (List<?>) op.value();
                if (op.isInvoke()) {
                    invokedAt.put((String) v.get(0), op.timeMicros());
                } else if (op.type() == Op.Type.OK) {
                    String id = (String) v.get(0);
                    published.put(id, new Published(id, (String) v.get(1), ((Number) v.get(2)).intValue(),
                            invokedAt.getOrDefault(id, op.timeMicros()), NodeId.of(op.node())));
                }
            } else if (op.type() == Op.Type.OK && op.f().equals("subscribed")) {
                List<?> v = (List<?>) op.value();
                subscriptions.add(new Subscribed((String) v.get(2), (String) v.get(0), ((Number) v.get(1)).intValue(), op.timeMicros(),
                        NodeId.of(op.node())));
            } else if (op.type() == Op.Type.OK && op.f().equals("receive")) {
                receives.add(op);
            }
        }
        int qos1Duplicates = 0;
        List<String> qos2Duplicates = new ArrayList<>();
        for (Op op : receives) {
            List<?> v = (List<?>) op.value();
            String id = (String) v.get(0);
            String client = (String) v.get(3);
            if (!invokedAt.containsKey(id)) {
                invented.add(client + " got " + id);
                continue;
            }
            int times = received.computeIfAbsent(client, k -> new TreeMap<>()).merge(id, 1, Integer::sum);
            if (((Number) v.get(2)).intValue() == 2) {
                if (receivedAtQos2.computeIfAbsent(client, k -> new TreeMap<>()).merge(id, 1, Integer::sum) > 1) {
                    qos2Duplicates.add(client + " got " + id + " twice at QoS 2");
                }
            } else if (times > 1) {
                qos1Duplicates++;
            }
        }
        int owed = 0;
        List<String> lost = new ArrayList<>();
        long lostCount = 0;
        for (Published p : published.values()) {
            if (p.qos() == 0) {
                continue;
            }
            for (Subscribed s : subscriptions) {
                if (!owes(run, p, s, boundMicros, subscriptions)) {
                    continue;
                }
                owed++;
                if (!received.getOrDefault(s.client(), Map.of()).containsKey(p.id())) {
                    lostCount++;
                    if (lost.size() < Notes.MAX_CASES) {
                        lost.add(p.id() + " (QoS " + p.qos() + " on " + p.topic() + " at " + Notes.time(p.atMicros()) + " via "
                                + p.node() + ") never reached " + s.client() + " (subscribed to " + s.filter() + " via " + s.node()
                                + " at " + Notes.time(s.atMicros()) + ")");
                    }
                }
            }
        }
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("acknowledgedPublishes", published.size());
        evidence.put("subscriptions", subscriptions.size());
        evidence.put("owedDeliveries", owed);
        evidence.put("lost", lostCount);
        evidence.put("lostCases", lost);
        evidence.put("qos2Duplicates", qos2Duplicates.subList(0, Math.min(Notes.MAX_CASES, qos2Duplicates.size())));
        evidence.put("qos1Duplicates", qos1Duplicates);
        evidence.put("invented", invented.subList(0, Math.min(Notes.MAX_CASES, invented.size())));
        List<String> problems = new ArrayList<>();
        if (lostCount > 0) {
            problems.add(lostCount + " of " + owed + " owed QoS 1/2 deliveries lost, e.g. " + lost.get(0));
        }
        if (!qos2Duplicates.isEmpty()) {
            problems.add(qos2Duplicates.size() + " QoS 2 duplicates, e.g. " + qos2Duplicates.get(0));
        }
        if (!invented.isEmpty()) {
            problems.add(invented.size() + " messages received that nobody published, e.g. " + invented.get(0));
        }
        if (!problems.isEmpty()) {
            return new CheckResult(NAME, Verdict.FAIL, String.join("; ", problems), evidence);
        }
        if (owed == 0) {
            return new CheckResult(NAME, Verdict.UNKNOWN, "no QoS 1 or 2 delivery was owed: nothing to judge", evidence);
        }
        return new CheckResult(NAME, Verdict.PASS, owed + " owed QoS 1/2 deliveries all made, no QoS 2 twice ("
                + qos1Duplicates + " QoS 1 duplicates, allowed)", evidence);
    }

    /**
     * Whether {@code s} is owed {@code p}: its filter matches, it was known across the mesh in time
     * (subscribed BOUND before, with no network fault in that BOUND), it is the client's latest
     * subscription before the publish, and neither broker lost its memory afterwards.
     */
    private static boolean owes(RunRecord run, Published p, Subscribed s, long boundMicros, List<Subscribed> all) {
        if (s.qos() >= 0x80 || Math.min(s.qos(), p.qos()) == 0 || !Topics.matches(s.filter(), p.topic())
                || s.atMicros() + boundMicros > p.atMicros()) {
            return false;
        }
        for (Subscribed later : all) {
            if (later.client().equals(s.client()) && later.atMicros() > s.atMicros() && later.atMicros() <= p.atMicros()) {
                return false;   // judged by the client's latest subscription
            }
        }
        // The publishing broker learns of a subscription when it is made, or after its own restart
        // (it starts knowing nothing): from then on it needs BOUND without a network fault.
        long known = Math.max(s.atMicros(), lastStart(run, p.node(), p.atMicros()));
        return known + boundMicros <= p.atMicros() && !run.networkFaultDuring(known, known + boundMicros)
                && !crashedDuring(run, s.node(), s.atMicros(), run.endMicros())
                && !crashedDuring(run, p.node(), p.atMicros(), run.endMicros());
    }

    /** When {@code node} last started or restarted at or before {@code atMicros}. */
    private static long lastStart(RunRecord run, NodeId node, long atMicros) {
        long last = 0;
        for (RunRecord.NodeEvent e : run.eventsOf(node)) {
            if ((e instanceof RunRecord.Start || e instanceof RunRecord.Restart) && e.timeMicros() <= atMicros) {
                last = Math.max(last, e.timeMicros());
            }
        }
        return last;
    }

    private static boolean crashedDuring(RunRecord run, NodeId node, long fromMicros, long untilMicros) {
        for (RunRecord.NodeEvent e : run.eventsOf(node)) {
            if (e instanceof RunRecord.Crash && e.timeMicros() >= fromMicros && e.timeMicros() <= untilMicros) {
                return true;
            }
        }
        return false;
    }
}
