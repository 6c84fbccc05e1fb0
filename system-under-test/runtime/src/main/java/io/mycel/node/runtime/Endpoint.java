package io.mycel.node.runtime;

import io.mycel.node.api.DurableStore;
import io.mycel.node.api.Message;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.NodeContext;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.PowerView;
import io.mycel.node.api.Process;
import io.mycel.node.api.RandomSource;
import io.mycel.node.api.TimerId;
import io.mycel.node.api.WireWriter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process hosted on a real event loop, and the {@link NodeContext} it sees: sends go out as
 * frames of the program's codec, timers are scheduled on the loop, time is the host's monotonic
 * clock, storage is the file store. Every handler runs on the loop thread, one at a time, exactly
 * as the simulator runs it.
 *
 * <p>A handler that throws is a bug in node code; the endpoint stops (it handles nothing more) and
 * tells the host, which for a real node logs it and exits, as a crash would.
 */
public final class Endpoint implements NodeContext {

    /** What the host does when a handler throws. */
    public interface FailureHandler {
        void handlerFailed(Endpoint endpoint, RuntimeException failure);
    }

    private final EventLoopHost host;
    private final NodeId self;
    private final Hello.Role role;
    private final List<NodeId> members;
    private final MessageCodec codec;
    private final Process process;
    private final DurableStore storage;
    private final RandomSource random;
    private final PowerView power;
    private final FailureHandler onFailure;
    private final WireWriter writer = new WireWriter(256);
    private final Map<Long, ScheduledFuture<?>> timers = new HashMap<>();
    private long nextTimer;
    private boolean stopped;
    /** Whether onStart has run: a node listens a moment before it starts, and peers already talk. */
    private boolean started;

    Endpoint(EventLoopHost host, NodeId self, Hello.Role role, List<NodeId> members, MessageCodec codec, Process process,
             DurableStore storage, RandomSource random, PowerView power, FailureHandler onFailure) {
        this.host = host;
        this.self = self;
        this.role = role;
        this.members = List.copyOf(members);
        this.codec = codec;
        this.process = process;
        this.storage = storage;
        this.random = random;
        this.power = power;
        this.onFailure = onFailure;
    }

    public Process process() {
        return process;
    }

    boolean stopped() {
        return stopped;
    }

    void start() {
        started = true;
        run(() -> process.onStart(this));
    }

    /** A frame from {@code from}: decoded by the program's codec, or rejected and counted. */
    void deliver(NodeId from, byte[] payload) {
        if (stopped) {
            return;
        }
        if (!started) {
            // The process has not run onStart (its state is not there yet): to the sender this is a
            // message lost on the way, which every protocol here survives; handing it over would not be.
            host.metrics().dropped("before-start");
            return;
        }
        Message message;
        try {
            message = codec.fromBytes(payload);
        } catch (io.mycel.node.api.MalformedMessageException | RuntimeException e) {
            // A codec must reject bad bytes with MalformedMessageException; any other throw is treated alike,
            // since the bytes came from outside and must never take the node down.
            host.metrics().rejected("malformed");
            return;
        }
        run(() -> process.onMessage(this, from, message));
    }

    /** A message already decoded, from a {@link Gateway}'s client (an MQTT connection). */
    void deliverMessage(NodeId from, Message message) {
        if (stopped || !started) {
            host.metrics().dropped(stopped ? "after-stop" : "before-start");
            return;
        }
        run(() -> process.onMessage(this, from, message));
    }

    void stop() {
        stopped = true;
        timers.values().forEach(t -> t.cancel(false));
        timers.clear();
    }

    private void run(Runnable handler) {
        if (stopped) {
            return;
        }
        host.metrics().handlerRun();
        try {
            handler.run();
        } catch (RuntimeException e) {
            stop();
            onFailure.handlerFailed(this, e);
        }
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
        return host.clock().nowMicros();
    }

    @Override
    public RandomSource random() {
        return random;
    }

    @Override
    public void send(NodeId to, Message message) {
        Gateway gateway = host.gateway();
        if (gateway != null && gateway.serves(to)) {
            gateway.send(to, message);
            return;
        }
        writer.reset();
        codec.encode(message, writer);
        host.transport().send(self, role, to, writer.toByteArray());
    }

    @Override
    public TimerId setTimer(String name, long delayMicros) {
        TimerId id = new TimerId(++nextTimer, name);
        long key = id.id();
        ScheduledFuture<?> future = host.loop().schedule(() -> {
            if (timers.remove(key) != null) {
                run(() -> process.onTimer(this, id));
            }
        }, Math.max(0, delayMicros), TimeUnit.MICROSECONDS);
        timers.put(key, future);
        return id;
    }

    @Override
    public void cancelTimer(TimerId timer) {
        ScheduledFuture<?> future = timers.remove(timer.id());
        if (future != null) {
            future.cancel(false);
        }
    }

    @Override
    public DurableStore storage() {
        return storage;
    }

    @Override
    public PowerView power() {
        return power;
    }

    @Override
    public void emit(String event, String detail) {
        host.log().record("note", "event", event, "detail", detail, "endpoint", self.name());
    }
}
