package io.mycel.hil.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The MQTT benchmark's load, the same for every broker: N Paho publishers and N Paho subscribers
 * (MQTT 3.1.1, clean sessions), publisher i publishing to {@code bench/i} in a closed loop and
 * subscriber i subscribed to it at the same QoS. At QoS 1 the loop closes on the broker's PUBACK. At
 * QoS 0 there is no acknowledgement (Paho's publish returns once the packet is written), and a
 * publisher looping on it alone floods any broker until it sheds load, which measures the flood,
 * not the broker; so at QoS 0 the loop closes end to end: at most {@link #QOS0_WINDOW} messages of a
 * pair are on their way, and a message its subscriber has not had within a second is counted lost
 * and its place in the window taken by the next. A payload of 64 bytes carries its send time; each
 * subscriber records the latency of every message it receives in the measured window, and the
 * throughput is the messages received per second.
 *
 * <p>Clients connect a few at a time in parallel: Paho takes about 0.3 s for each connect here
 * (against Mosquitto as against Mycel), so 200 clients one after another would spend a minute.
 */
final class PahoLoad {

    private static final int PAYLOAD = 64;
    static final int QOS0_WINDOW = 8;

    private PahoLoad() {
    }

    /** Told when the measured window opens and closes (the benchmark reads the broker's CPU time then). */
    interface Window {
        void opened();

        void closed();
    }

    static LoadResult run(String system, String uri, int pairs, int qos, double warmupSeconds, double seconds, Window windowListener)
            throws MqttException, InterruptedException {
        List<MqttClient> clients = new ArrayList<>();
        List<LatencyLog> logs = new ArrayList<>();
        List<Semaphore> windows = new ArrayList<>();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        try {
            List<MqttClient> subscribers = connectAll(uri, "sub-", pairs);
            clients.addAll(subscribers);
            List<MqttClient> publishersClients = connectAll(uri, "pub-", pairs);
            clients.addAll(publishersClients);
            for (int i = 0; i < pairs; i++) {
                MqttClient sub = subscribers.get(i);
                LatencyLog log = new LatencyLog();
                logs.add(log);
                Semaphore window = new Semaphore(QOS0_WINDOW);
                windows.add(window);
                sub.setCallback(new MqttCallback() {
                    @Override
                    public void connectionLost(Throwable cause) {
                    }

                    @Override
                    public void messageArrived(String topic, MqttMessage message) {
                        window.release();
                        if (measuring.get()) {
                            long sent = ByteBuffer.wrap(message.getPayload()).getLong();
                            synchronized (log) {
                                log.ok((System.nanoTime() - sent) / 1000);
                            }
                        }
                    }

                    @Override
                    public void deliveryComplete(IMqttDeliveryToken token) {
                    }
                });
                sub.subscribe("bench/" + i, qos);
            }
            List<Thread> publishers = new ArrayList<>();
            CountDownLatch ready = new CountDownLatch(pairs);
            LatencyLog failures = new LatencyLog();
            for (int i = 0; i < pairs; i++) {
                MqttClient pub = publishersClients.get(i);
                String topic = "bench/" + i;
                Semaphore window = windows.get(i);
                Thread t = new Thread(() -> {
                    ready.countDown();
                    byte[] payload = new byte[PAYLOAD];
                    while (running.get()) {
                        if (qos == 0 && !awaitRoom(window) && measuring.get()) {
                            synchronized (failures) {
                                failures.failed();
                            }
                        }
                        ByteBuffer.wrap(payload).putLong(System.nanoTime());
                        try {
                            pub.publish(topic, payload, qos, false);
                        } catch (MqttException e) {
                            synchronized (failures) {
                                failures.failed();
                            }
                            if (!pub.isConnected()) {
                                return;
                            }
                        }
                    }
                }, "publisher-" + i);
                t.setDaemon(true);
                publishers.add(t);
            }
            publishers.forEach(Thread::start);
            ready.await(30, TimeUnit.SECONDS);
            Thread.sleep((long) (warmupSeconds * 1000));
            windowListener.opened();
            measuring.set(true);
            long start = System.nanoTime();
            Thread.sleep((long) (seconds * 1000));
            measuring.set(false);
            windowListener.closed();
            double measured = (System.nanoTime() - start) / 1e9;
            running.set(false);
            for (Thread t : publishers) {
                t.join(5_000);
            }
            LatencyLog all = new LatencyLog();
            for (LatencyLog log : logs) {
                synchronized (log) {
                    all.addAll(log);
                }
            }
            all.addAll(failures);
            return all.result(system + " qos" + qos, pairs, measured);
        } finally {
            running.set(false);
            clients.forEach(PahoLoad::closeQuietly);
        }
    }

    /** Waits up to a second for room in the window; false when it timed out (a message counted lost). */
    private static boolean awaitRoom(Semaphore window) {
        try {
            return window.tryAcquire(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /**
     * Connects {@code count} clients named {@code prefix0..}, eight at a time; in order of their names.
     * If one fails, those that connected are disconnected before the failure is thrown, so none is
     * left holding its session into the next load.
     */
    private static List<MqttClient> connectAll(String uri, String prefix, int count) throws MqttException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<MqttClient>> pending = new ArrayList<>();
        List<MqttClient> out = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                String id = prefix + i;
                pending.add(pool.submit(() -> connect(uri, id)));
            }
            for (Future<MqttClient> f : pending) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof MqttException m) {
                        throw m;
                    }
                    throw new IllegalStateException("connecting a client failed", e.getCause());
                }
            }
            return out;
        } catch (MqttException | RuntimeException | InterruptedException e) {
            pool.shutdownNow();
            pool.awaitTermination(40, TimeUnit.SECONDS);
            for (Future<MqttClient> f : pending) {
                if (f.isDone() && !f.isCancelled()) {
                    try {
                        closeQuietly(f.get());
                    } catch (ExecutionException notConnected) {
                        // nothing to close
                    }
                }
            }
            throw e;
        } finally {
            pool.shutdown();
        }
    }

    /**
     * An orderly DISCONNECT, then close: closing a client whose receiver is still taking messages
     * makes Paho's receiver thread fail with a NullPointerException.
     */
    private static void closeQuietly(MqttClient c) {
        try {
            if (c.isConnected()) {
                c.disconnect(500);
            }
            c.close(true);
        } catch (MqttException ignored) {
            // the broker is going away with the benchmark
        }
    }

    private static MqttClient connect(String uri, String id) throws MqttException {
        MqttClient c = new MqttClient(uri, id, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(60);
        o.setMaxInflight(1000);
        o.setConnectionTimeout(30);
        c.connect(o);
        return c;
    }
}
