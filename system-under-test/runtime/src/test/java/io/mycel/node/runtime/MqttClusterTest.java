package io.mycel.node.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.NodeId;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real nodes running the mqtt program, Paho clients on different nodes: a publish at one node
 * reaches subscribers at the others once each, at the QoS they asked, and a retained message is
 * there for a subscriber that arrives later at a third node.
 */
@Timeout(60)
class MqttClusterTest {

    @TempDir
    Path data;

    @Test
    void publishesCrossTheMeshOnceEach() throws Exception {
        try (LocalCluster cluster = new LocalCluster("mqtt", 3, data, Map.of("sync-interval", "100ms"))) {
            cluster.startAll();
            BlockingQueue<String> atN2 = new LinkedBlockingQueue<>();
            BlockingQueue<String> atN3 = new LinkedBlockingQueue<>();
            MqttClient sub2 = client(cluster, "n2", "sub2");
            sub2.subscribe(new MqttSubscription[] {new MqttSubscription("farm/#", 2)},
                    new IMqttMessageListener[] {(t, m) -> atN2.add(t + "=" + text(m) + "@" + m.getQos())});
            MqttClient sub3 = client(cluster, "n3", "sub3");
            sub3.subscribe(new MqttSubscription[] {new MqttSubscription("farm/+/level", 1)},
                    new IMqttMessageListener[] {(t, m) -> atN3.add(t + "=" + text(m) + "@" + m.getQos())});
            Thread.sleep(500);   // the filters reach n1 within a sync interval or two
            MqttClient pub = client(cluster, "n1", "pub1");
            for (int i = 0; i < 30; i++) {
                String topic = "farm/tank" + (i % 2) + "/level";
                pub.publish(topic, String.valueOf(i).getBytes(StandardCharsets.UTF_8), 1 + i % 2, false);
            }
            TreeSet<String> got2 = drain(atN2, 30);
            TreeSet<String> got3 = drain(atN3, 30);
            assertEquals(30, got2.size(), "n2's subscriber got each once: " + got2);
            assertEquals(30, got3.size(), "n3's subscriber got each once: " + got3);
            assertTrue(got3.stream().allMatch(s -> s.endsWith("@1")), "at QoS 1 at most, as n3's client asked: " + got3);
            assertNull(atN2.poll(300, TimeUnit.MILLISECONDS), "nothing twice");

            pub.publish("farm/gate", "closed".getBytes(StandardCharsets.UTF_8), 1, true);
            Thread.sleep(300);
            BlockingQueue<String> late = new LinkedBlockingQueue<>();
            MqttClient lateSub = client(cluster, "n3", "late");
            lateSub.subscribe(new MqttSubscription[] {new MqttSubscription("farm/gate", 1)},
                    new IMqttMessageListener[] {(t, m) -> late.add(text(m) + (m.isRetained() ? " retained" : ""))});
            assertEquals("closed retained", late.poll(5, TimeUnit.SECONDS), "the retained message is kept on every node");
            for (MqttClient c : List.of(sub2, sub3, pub, lateSub)) {
                c.disconnect();
            }
            assertTrue(cluster.failures.isEmpty(), cluster.failures.toString());
        }
    }

    private static TreeSet<String> drain(BlockingQueue<String> queue, int expected) throws InterruptedException {
        TreeSet<String> got = new TreeSet<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (got.size() < expected && System.nanoTime() < deadline) {
            String s = queue.poll(100, TimeUnit.MILLISECONDS);
            if (s != null && !got.add(s.substring(0, s.indexOf('@')) + s.substring(s.indexOf('@')))) {
                throw new AssertionError("twice: " + s);
            }
        }
        return got;
    }

    private static MqttClient client(LocalCluster cluster, String node, String id) throws Exception {
        InetSocketAddress a = cluster.nodes.get(NodeId.of(node)).mqttAddress();
        MqttClient c = new MqttClient("tcp://" + a.getHostString() + ":" + a.getPort(), id, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        c.connect(o);
        return c;
    }

    private static String text(org.eclipse.paho.mqttv5.common.MqttMessage m) {
        return new String(m.getPayload(), StandardCharsets.UTF_8);
    }
}
