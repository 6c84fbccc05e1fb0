package io.mycel.node.testing;

import io.mycel.node.api.DurableStore;
import io.mycel.node.api.Message;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.PowerView;
import io.mycel.node.api.RandomSource;
import io.mycel.node.api.SeededRandom;
import io.mycel.node.api.TimerId;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * A node context for unit tests of one layer: time is set by the test, sends and timers are
 * recorded, and the durable store keeps what was synced (a {@link #crash} drops the rest).
 */
public final class FakeContext implements NodeContext {

    public record Sent(NodeId to, Message message) {
    }

    private final NodeId self;
    private final List<NodeId> members;
    private final SeededRandom random;
    public final List<Sent> sent = new ArrayList<>();
    public final List<TimerId> timers = new ArrayList<>();
    public final List<String> notes = new ArrayList<>();
    private final TreeMap<String, byte[]> synced = new TreeMap<>();
    private final TreeMap<String, byte[]> written = new TreeMap<>();
    private long now;
    private long timerSeq;

    public FakeContext(NodeId self, List<NodeId> members, long seed) {
        this.self = self;
        this.members = List.copyOf(members);
        this.random = new SeededRandom(seed);
    }

    public void advance(long micros) {
        now += micros;
    }

    /** Loses every write not synced, as a crash does. */
    public void crash() {
        written.clear();
        written.putAll(synced);
    }

    @Override
    public NodeId self() {
        return self;
    }

    @Override
    public List<NodeId> members() {
        return members;
    }

    @Override
    public long nowMicros() {
        return now;
    }

    @Override
    public RandomSource random() {
        return random;
    }

    @Override
    public void send(NodeId to, Message message) {
        sent.add(new Sent(to, message));
    }

    @Override
    public TimerId setTimer(String name, long delayMicros) {
        TimerId timer = new TimerId(++timerSeq, name);
        timers.add(timer);
        return timer;
    }

    @Override
    public void cancelTimer(TimerId timer) {
        timers.remove(timer);
    }

    @Override
    public DurableStore storage() {
        return new DurableStore() {
            @Override
            public byte[] get(String key) {
                return written.get(key);
            }

            @Override
            public void put(String key, byte[] value) {
                written.put(key, value.clone());
            }

            @Override
            public void delete(String key) {
                written.remove(key);
            }

            @Override
            public SortedSet<String> keys() {
                return new java.util.TreeSet<>(written.keySet());
            }

            @Override
            public void sync() {
                synced.clear();
                synced.putAll(written);
            }
        };
    }

    @Override
    public PowerView power() {
        return null;
    }

    @Override
    public void emit(String event, String detail) {
        notes.add(event + " " + detail);
    }
}
